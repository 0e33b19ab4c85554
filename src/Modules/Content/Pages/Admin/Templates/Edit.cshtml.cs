using System.Text.RegularExpressions;
using Content.Data;
using Content.Publishing;
using Content.Site;
using Content.Templates;
using Fluid;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Audit;
using Platform.Core.Localization;
using Platform.Core.Settings;
using Platform.Core.Tenancy;
using Platform.Core.Theming;

namespace Content.Pages.Admin.Templates;

/// <summary>
/// Edits a tenant's override of one template: save a draft (parsed first: nothing is stored when it does not parse),
/// preview the draft in a frame, apply it (the draft goes live), or remove the override (back to the theme's template).
/// </summary>
[Authorize(Policy = ContentModule.ManageContent)]
internal sealed partial class EditModel(
    TemplateEditor editor, ThemeRenderer renderer, SiteSettings siteSettings, ISiteMenu menu, ContentDbContext db, ITenantContext tenant, TimeProvider clock, AdminText text) : PageModel
{
    /// <summary>Templates previewed as themselves, with sample values; the others are previewed through the home page.</summary>
    private static readonly HashSet<string> SelfPreviewed = new(StringComparer.Ordinal) { "Home", "Notice", "Page", "News", "NewsPost" };

    public string Name { get; private set; } = string.Empty;

    [BindProperty]
    public string? Source { get; set; }

    /// <summary>"bản nháp", "bản tuỳ biến đang dùng" or "mẫu gốc của giao diện …": what the editor was filled with.</summary>
    public string Origin { get; private set; } = string.Empty;

    public bool HasLive { get; private set; }

    public bool HasDraft { get; private set; }

    public string? LastChange { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Where the parser stopped: "Dòng X, cột Y", the line, and a caret under the column.</summary>
    public (int Line, int Column, string Text, string Caret)? ErrorAt { get; private set; }

    /// <summary>Whether to show the preview frame of the stored draft.</summary>
    public bool ShowPreview { get; private set; }

    /// <summary>What the preview shows: this template, or the home page.</summary>
    public string PreviewOf => PreviewTemplate(Name);

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string name, bool preview, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(name, cancellationToken))
        {
            return NotFound();
        }

        ShowPreview = preview && HasDraft;
        return Page();
    }

    /// <summary>"Lưu bản nháp".</summary>
    public async Task<IActionResult> OnPostAsync(string name, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(name, cancellationToken, keepSource: true))
        {
            return NotFound();
        }

        if (!await SaveDraftAsync(cancellationToken))
        {
            return Page();
        }

        Message = text.F("Đã lưu bản nháp của mẫu {0}. Trang công khai chưa thay đổi: bấm Áp dụng để dùng bản nháp.", Name);
        return Redirect(Self());
    }

    /// <summary>"Xem trước": stores the draft (checked), then shows it in a frame.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(string name, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(name, cancellationToken, keepSource: true))
        {
            return NotFound();
        }

        if (!await SaveDraftAsync(cancellationToken))
        {
            return Page();
        }

        Message = text.F("Đã lưu bản nháp của mẫu {0}; bản xem trước bên dưới dùng bản nháp này.", Name);
        return Redirect(Self() + "?preview=true#preview");
    }

    /// <summary>"Áp dụng": stores what is in the editor as the draft (checked), then makes it live.</summary>
    public async Task<IActionResult> OnPostPublishAsync(string name, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(name, cancellationToken, keepSource: true))
        {
            return NotFound();
        }

        if (!await SaveDraftAsync(cancellationToken))
        {
            return Page();
        }

        try
        {
            await editor.PublishAsync(Name, AuditLog.ActorOf(User), cancellationToken);
        }
        catch (TemplateParseException e)
        {
            ShowError(e);
            return Page();
        }

        Message = text.F("Đã áp dụng mẫu {0}: trang công khai dùng bản tuỳ biến.", Name);
        return Redirect(Self());
    }

    /// <summary>"Bỏ tuỳ biến": removes the override and its draft.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(string name, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(name, cancellationToken))
        {
            return NotFound();
        }

        await editor.RemoveAsync(Name, AuditLog.ActorOf(User), cancellationToken);
        Message = text.F("Đã bỏ tuỳ biến mẫu {0}: trang công khai dùng lại mẫu của giao diện.", Name);
        return Redirect(Self());
    }

    /// <summary>The frame of the preview: the page rendered with the stored draft (else the live override, else the theme's).</summary>
    public async Task<IActionResult> OnGetPreviewAsync(string name, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(name, cancellationToken))
        {
            return NotFound();
        }

        var t = tenant.Tenant!;
        IReadOnlyDictionary<string, IFluidTemplate> set;
        try
        {
            set = TemplateEditor.PreviewSet(Name, Source ?? string.Empty);
        }
        catch (TemplateParseException e)
        {
            return Content($"<!doctype html><meta charset=\"utf-8\"><p>{System.Net.WebUtility.HtmlEncode(e.Message)}</p>", "text/html; charset=utf-8");
        }

        var pathBase = Request.PathBase.Value ?? string.Empty;
        var site = new SiteViewModel(t.Name, t.DisplayName, pathBase, $"{Request.Scheme}://{Request.Host}{pathBase}", t.Culture, t.Theme,
            await siteSettings.GetAllAsync(cancellationToken), await menu.GetAsync(pathBase, cancellationToken));
        var template = PreviewTemplate(Name);
        var (values, title) = await SampleAsync(template, site, cancellationToken);
        values["user"] = null;
        values["page"] = template;
        values["url"] = site.Url + "/";
        var html = await renderer.RenderPageAsync(t, site, template, values, title == t.DisplayName ? title : $"{title} · {t.DisplayName}", set, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        // Shown in a sandboxed frame of the admin: nothing in a draft runs with the admin's rights.
        Response.Headers.ContentSecurityPolicy = "sandbox allow-same-origin";
        return Content(html, "text/html; charset=utf-8");
    }

    private static string PreviewTemplate(string name) => SelfPreviewed.Contains(name) ? name : "Home";

    // Values like the public page's: no news and no contests on the home page, the latest published page or post otherwise.
    private async Task<(Dictionary<string, object?> Values, string Title)> SampleAsync(string template, SiteViewModel site, CancellationToken cancellationToken)
    {
        var t = tenant.Tenant!;
        var now = clock.GetUtcNow().UtcDateTime;
        switch (template)
        {
            case "Notice":
                return (new() { ["notice"] = new Notice("Không tìm thấy", "Trang này không có hoặc đã được gỡ.", $"{site.BaseUrl}/cuoc-thi", "Xem các cuộc thi") }, "Không tìm thấy");
            case "Page":
            {
                var page = await db.Pages.AsNoTracking().Where(p => p.Published).OrderByDescending(p => p.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
                var view = page is null
                    ? new PageView("vi-du", "Trang ví dụ", null, "<p>Nội dung của một trang.</p>", ContentAdmin.Time(t, now)[..10])
                    : new PageView(page.Slug, page.Title, page.Description, ContentHtml.ResolveLinks(page.Html, site.BaseUrl), ContentAdmin.Time(t, page.UpdatedAt)[..10]);
                return (new() { ["article"] = view, ["current"] = view.Slug, ["description"] = view.Description }, view.Title);
            }

            case "News":
            {
                var posts = await db.News.AsNoTracking().Where(p => p.PublishAt != null && p.PublishAt <= now)
                    .OrderByDescending(p => p.PublishAt).ThenByDescending(p => p.Id).Take(PublicSite.NewsPageSize).ToListAsync(cancellationToken);
                return (new() { ["posts"] = posts.Select(p => News(p, site, withBody: false)).ToList(), ["current"] = "tin-tuc", ["previous_url"] = null, ["next_url"] = null }, "Tin tức");
            }

            case "NewsPost":
            {
                var post = await db.News.AsNoTracking().Where(p => p.PublishAt != null && p.PublishAt <= now)
                    .OrderByDescending(p => p.PublishAt).ThenByDescending(p => p.Id).FirstOrDefaultAsync(cancellationToken);
                var view = post is null
                    ? new NewsView("vi-du", "Tin ví dụ", "Tóm tắt của tin.", $"{site.BaseUrl}/tin-tuc/vi-du", null, ContentAdmin.Time(t, now)[..10], "<p>Nội dung của tin.</p>")
                    : News(post, site, withBody: true);
                return (new() { ["post"] = view, ["current"] = "tin-tuc", ["description"] = view.Summary, ["og_type"] = "article" }, view.Title);
            }

            default:
                return (new() { ["news"] = new List<NewsView>(), ["contests"] = new List<ContestCard>(), ["description"] = site.Settings.GetValueOrDefault("description") }, t.DisplayName);
        }
    }

    private NewsView News(NewsPost post, SiteViewModel site, bool withBody) => new(
        post.Slug,
        post.Title,
        post.Summary,
        $"{site.BaseUrl}/tin-tuc/{post.Slug}",
        post.Cover is null ? null : $"{site.BaseUrl}/media/{post.Cover}",
        ContentAdmin.Time(tenant.Tenant!, post.PublishAt ?? post.UpdatedAt)[..10],
        withBody ? ContentHtml.ResolveLinks(post.Html, site.BaseUrl) : null);

    private string Self() => $"{Request.PathBase}/admin/content/templates/edit/{Name}";

    // The template and its override; the editor gets the draft, else the live override, else the theme's source.
    private async Task<bool> LoadAsync(string name, CancellationToken cancellationToken, bool keepSource = false)
    {
        if (!TemplateName().IsMatch(name ?? string.Empty) || !editor.IsTemplate(name!))
        {
            return false;
        }

        Name = name!;
        var row = await editor.FindAsync(Name, cancellationToken);
        HasLive = row?.Source is not null;
        HasDraft = row?.Draft is not null;
        LastChange = row is null ? null : text.F("{0} bởi {1}", ContentAdmin.Time(tenant.Tenant!, row.UpdatedAt), row.UpdatedBy);
        (var source, Origin) = row?.Draft is { } draft ? (draft, text["bản nháp"])
            : row?.Source is { } live ? (live, text["bản tuỳ biến đang dùng"])
            : (editor.ThemeSource(Name) ?? string.Empty, text["mẫu gốc của giao diện"]);
        if (!keepSource)
        {
            Source = source;
        }

        return true;
    }

    private async Task<bool> SaveDraftAsync(CancellationToken cancellationToken)
    {
        try
        {
            await editor.SaveDraftAsync(Name, (Source ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal), AuditLog.ActorOf(User), cancellationToken);
            return true;
        }
        catch (TemplateParseException e)
        {
            ShowError(e);
            return false;
        }
    }

    private void ShowError(TemplateParseException e)
    {
        Error = e.Message;
        if (e.Line is not { } line || e.Column is not { } column)
        {
            return;
        }

        var lines = (Source ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var text = line >= 1 && line <= lines.Length ? lines[line - 1].Replace('\t', ' ') : string.Empty;
        ErrorAt = (line, column, text, new string(' ', Math.Clamp(column - 1, 0, text.Length)) + "^");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,60}$")]
    private static partial Regex TemplateName();
}

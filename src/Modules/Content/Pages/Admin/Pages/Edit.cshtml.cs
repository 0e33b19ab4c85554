using Content.Data;
using Content.Publishing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Audit;
using Platform.Core.Localization;
using Platform.Core.Tenancy;

namespace Content.Pages.Admin.Pages;

/// <summary>Adds or edits a page: preview without saving, save (checked by <see cref="ContentService"/>), delete.</summary>
[Authorize(Policy = ContentModule.ManageContent)]
internal sealed class EditModel(ContentDbContext db, ContentService content, ITenantContext tenant, AdminText t) : PageModel
{
    [BindProperty]
    public PageForm Form { get; set; } = new();

    public long? Id { get; private set; }

    public bool IsNew => Id is null;

    /// <summary>Who changed the page last and when (tenant time), for an existing page.</summary>
    public string? LastChange { get; private set; }

    /// <summary>The rendered body of a preview, links resolved; null when not previewing.</summary>
    public string? PreviewHtml { get; private set; }

    public List<FieldError> Errors { get; } = [];

    public IEnumerable<string> ErrorsFor(string field) => Errors.Where(e => e.Field == field).Select(e => e.Message);

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            Form = new PageForm { Published = true };
            return Page();
        }

        var page = await db.Pages.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        Form = PageForm.From(page);
        Describe(page);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(Form.Slug))
        {
            Form.Slug = ContentHtml.Slugify(Form.Title ?? string.Empty);
        }

        try
        {
            var saved = await content.SavePageAsync(id, Form.ToInput(), AuditLog.ActorOf(User), cancellationToken);
            TempData["Message"] = Form.Published
                ? t.F("Đã lưu trang '{0}' (địa chỉ /{1}).", Form.Title?.Trim(), Form.Slug.Trim())
                : t.F("Đã lưu trang '{0}' (chưa đăng).", Form.Title?.Trim());
            return Redirect($"{Request.PathBase}/admin/content/pages/edit/{saved}");
        }
        catch (ContentValidationException e)
        {
            Errors.Add(new FieldError(e.Field, e.Message));
            return Page();
        }
    }

    public async Task<IActionResult> OnPostPreviewAsync(long? id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        PreviewHtml = ContentHtml.ResolveLinks(ContentHtml.Render(Form.Format, Form.Body ?? string.Empty), Request.PathBase.Value ?? string.Empty);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        var page = await db.Pages.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (page is not null)
        {
            await content.DeletePageAsync(id, AuditLog.ActorOf(User), cancellationToken);
            TempData["Message"] = t.F("Đã xoá trang '{0}' (/{1}).", page.Title, page.Slug);
        }

        return Redirect($"{Request.PathBase}/admin/content/pages");
    }

    // The saved page behind a post (its id and last change), or false when it no longer exists.
    private async Task<bool> LoadAsync(long? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return true;
        }

        var page = await db.Pages.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (page is null)
        {
            return false;
        }

        Describe(page);
        return true;
    }

    private void Describe(ContentPage page)
    {
        Id = page.Id;
        LastChange = t.F("{0} bởi {1}", ContentAdmin.Time(tenant.Tenant!, page.UpdatedAt), page.UpdatedBy);
    }

    /// <summary>The form's fields, as typed.</summary>
    public sealed class PageForm
    {
        public string? Slug { get; set; }

        public string? Title { get; set; }

        public string? Description { get; set; }

        public BodyFormat Format { get; set; } = BodyFormat.Markdown;

        public string? Body { get; set; }

        public bool Published { get; set; }

        public static PageForm From(ContentPage page) => new()
        {
            Slug = page.Slug,
            Title = page.Title,
            Description = page.Description,
            Format = page.Format,
            Body = page.Body,
            Published = page.Published,
        };

        public PageInput ToInput() => new(Slug ?? string.Empty, Title ?? string.Empty, Description, Format, Body ?? string.Empty, Published);
    }
}

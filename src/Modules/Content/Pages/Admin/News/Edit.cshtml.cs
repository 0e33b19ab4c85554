using System.Globalization;
using Content.Data;
using Content.Media;
using Content.Publishing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Audit;
using Platform.Core.Localization;
using Platform.Core.Tenancy;

namespace Content.Pages.Admin.News;

/// <summary>
/// Adds or edits a news post: cover from the media library, draft / publish now / schedule (a local time of the
/// tenant), preview without saving, save (checked by <see cref="ContentService"/>), delete.
/// </summary>
[Authorize(Policy = ContentModule.ManageContent)]
internal sealed class EditModel(ContentDbContext db, ContentService content, MediaLibrary media, ITenantContext tenant, TimeProvider clock, AdminText t) : PageModel
{
    public const string Draft = "draft";

    public const string Now = "now";

    public const string Schedule = "schedule";

    /// <summary>The value of a datetime-local input.</summary>
    public const string LocalInputFormat = "yyyy-MM-ddTHH:mm";

    [BindProperty]
    public NewsForm Form { get; set; } = new();

    public long? Id { get; private set; }

    public bool IsNew => Id is null;

    /// <summary>The saved state ("Nháp", "Hẹn giờ …", "Đã đăng …"), for an existing post.</summary>
    public string? SavedStatus { get; private set; }

    public string? LastChange { get; private set; }

    public string Zone => tenant.Tenant!.TimeZone;

    /// <summary>The image files of the media library, for the cover.</summary>
    public List<string> Images { get; } = [];

    public string? PreviewHtml { get; private set; }

    public List<FieldError> Errors { get; } = [];

    public IEnumerable<string> ErrorsFor(string field) => Errors.Where(e => e.Field == field).Select(e => e.Message);

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken cancellationToken)
    {
        var post = await LoadAsync(id, cancellationToken);
        if (id is not null && post is null)
        {
            return NotFound();
        }

        Form = post is null ? new NewsForm() : NewsForm.From(post, tenant.Tenant!, clock.GetUtcNow().UtcDateTime);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken cancellationToken)
    {
        var post = await LoadAsync(id, cancellationToken);
        if (id is not null && post is null)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(Form.Slug))
        {
            Form.Slug = ContentHtml.Slugify(Form.Title ?? string.Empty);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? publishAt = null;
        switch (Form.Status)
        {
            case Now:
                // A post already out keeps its date; otherwise it goes out now.
                publishAt = post?.PublishAt is { } at && at <= now ? at : now;
                break;
            case Schedule:
                publishAt = ToUtc(Form.PublishAtLocal);
                if (publishAt is null)
                {
                    Errors.Add(new FieldError("publishAt", t.F("Hãy chọn ngày giờ đăng (giờ {0}).", Zone)));
                    return Page();
                }

                break;
            default:
                Form.Status = Draft;
                break;
        }

        try
        {
            var saved = await content.SaveNewsAsync(id, Form.ToInput(publishAt), AuditLog.ActorOf(User), cancellationToken);
            TempData["Message"] = t.F("Đã lưu tin '{0}': {1}.", Form.Title?.Trim(), IndexModel.Status(t, tenant.Tenant!, publishAt, now).ToLower(CultureInfo.GetCultureInfo(t.Culture)));
            return Redirect($"{Request.PathBase}/admin/content/news/edit/{saved}");
        }
        catch (ContentValidationException e)
        {
            Errors.Add(new FieldError(e.Field, e.Message));
            return Page();
        }
    }

    public async Task<IActionResult> OnPostPreviewAsync(long? id, CancellationToken cancellationToken)
    {
        var post = await LoadAsync(id, cancellationToken);
        if (id is not null && post is null)
        {
            return NotFound();
        }

        PreviewHtml = ContentHtml.ResolveLinks(ContentHtml.Render(Form.Format, Form.Body ?? string.Empty), Request.PathBase.Value ?? string.Empty);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        var post = await db.News.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is not null)
        {
            await content.DeleteNewsAsync(id, AuditLog.ActorOf(User), cancellationToken);
            TempData["Message"] = t.F("Đã xoá tin '{0}'.", post.Title);
        }

        return Redirect($"{Request.PathBase}/admin/content/news");
    }

    // A datetime-local value read in the tenant's time zone, as UTC; null when empty, malformed or not a time there.
    private DateTime? ToUtc(string? local)
    {
        if (!DateTime.TryParseExact(local, LocalInputFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return null;
        }

        var zone = tenant.Tenant!.Zone();
        return zone.IsInvalidTime(value) ? null : TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), zone);
    }

    // The image choices, and the saved post behind the request (its state and last change), or null.
    private async Task<NewsPost?> LoadAsync(long? id, CancellationToken cancellationToken)
    {
        Images.AddRange((await media.ListAsync(cancellationToken))
            .Where(m => m.ContentType.StartsWith("image/", StringComparison.Ordinal))
            .Select(m => m.FileName));
        if (id is null)
        {
            return null;
        }

        var post = await db.News.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is not null)
        {
            Id = post.Id;
            SavedStatus = IndexModel.Status(t, tenant.Tenant!, post.PublishAt, clock.GetUtcNow().UtcDateTime);
            LastChange = t.F("{0} bởi {1}", ContentAdmin.Time(tenant.Tenant!, post.UpdatedAt), post.UpdatedBy);
        }

        return post;
    }

    /// <summary>The form's fields, as typed.</summary>
    public sealed class NewsForm
    {
        public string? Slug { get; set; }

        public string? Title { get; set; }

        public string? Summary { get; set; }

        /// <summary>A file name of the media library, or empty.</summary>
        public string? Cover { get; set; }

        public BodyFormat Format { get; set; } = BodyFormat.Markdown;

        public string? Body { get; set; }

        /// <summary><see cref="Draft"/>, <see cref="Now"/> or <see cref="Schedule"/>.</summary>
        public string? Status { get; set; } = Draft;

        /// <summary>The scheduled time as typed (yyyy-MM-ddTHH:mm, tenant time).</summary>
        public string? PublishAtLocal { get; set; }

        public static NewsForm From(NewsPost post, TenantInfo tenant, DateTime now) => new()
        {
            Slug = post.Slug,
            Title = post.Title,
            Summary = post.Summary,
            Cover = post.Cover,
            Format = post.Format,
            Body = post.Body,
            Status = post.PublishAt switch
            {
                null => Draft,
                { } at when at > now => Schedule,
                _ => Now,
            },
            PublishAtLocal = post.PublishAt is { } publishAt ? tenant.ToLocal(publishAt).ToString(LocalInputFormat, CultureInfo.InvariantCulture) : null,
        };

        public NewsInput ToInput(DateTime? publishAt) => new(Slug ?? string.Empty, Title ?? string.Empty, Summary ?? string.Empty, Cover, Format, Body ?? string.Empty, publishAt);
    }
}

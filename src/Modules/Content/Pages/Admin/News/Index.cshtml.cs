using Content.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Localization;
using Platform.Core.Tenancy;

namespace Content.Pages.Admin.News;

/// <summary>The news posts, newest first, with their state: draft, scheduled or published.</summary>
[Authorize(Policy = ContentModule.ManageContent)]
internal sealed class IndexModel(ContentDbContext db, ITenantContext tenant, TimeProvider clock, AdminText t) : PageModel
{
    public sealed record Row(long Id, string Slug, string Title, string Status, bool Live, string UpdatedAt, string UpdatedBy);

    public List<Row> Rows { get; } = [];

    public string Zone => tenant.Tenant!.TimeZone;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var posts = await db.News.AsNoTracking()
            .Select(p => new { p.Id, p.Slug, p.Title, p.PublishAt, p.UpdatedAt, p.UpdatedBy })
            .ToListAsync(cancellationToken);
        Rows.AddRange(posts
            .OrderBy(p => p.PublishAt is null ? 0 : p.PublishAt > now ? 1 : 2)
            .ThenByDescending(p => p.PublishAt ?? p.UpdatedAt)
            .ThenByDescending(p => p.Id)
            .Select(p => new Row(p.Id, p.Slug, p.Title, Status(t, tenant.Tenant!, p.PublishAt, now), p.PublishAt <= now, ContentAdmin.Time(tenant.Tenant!, p.UpdatedAt), p.UpdatedBy)));
    }

    /// <summary>"Nháp", "Hẹn giờ dd/MM/yyyy HH:mm" or "Đã đăng dd/MM/yyyy HH:mm" (tenant time), in the admin's culture.</summary>
    public static string Status(AdminText t, TenantInfo tenant, DateTime? publishAt, DateTime now) => publishAt switch
    {
        null => t["Nháp"],
        { } at when at > now => t.F("Hẹn giờ {0}", ContentAdmin.Time(tenant, at)),
        { } at => t.F("Đã đăng {0}", ContentAdmin.Time(tenant, at)),
    };
}

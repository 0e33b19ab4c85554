using Content.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Tenancy;

namespace Content.Pages.Admin.Pages;

/// <summary>The tenant's pages: title, address, published or not, last change.</summary>
[Authorize(Policy = ContentModule.ManageContent)]
internal sealed class IndexModel(ContentDbContext db, ITenantContext tenant) : PageModel
{
    public sealed record Row(long Id, string Slug, string Title, bool Published, string UpdatedAt, string UpdatedBy);

    public List<Row> Rows { get; } = [];

    public string Zone => tenant.Tenant!.TimeZone;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var pages = await db.Pages.AsNoTracking()
            .Select(p => new { p.Id, p.Slug, p.Title, p.Published, p.UpdatedAt, p.UpdatedBy })
            .ToListAsync(cancellationToken);
        Rows.AddRange(pages
            .OrderBy(p => p.Title, StringComparer.CurrentCultureIgnoreCase)
            .Select(p => new Row(p.Id, p.Slug, p.Title, p.Published, ContentAdmin.Time(tenant.Tenant!, p.UpdatedAt), p.UpdatedBy)));
    }
}

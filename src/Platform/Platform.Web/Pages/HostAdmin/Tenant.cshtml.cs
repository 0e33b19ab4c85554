using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Core.Tenancy;

namespace Platform.Web.Pages.HostAdmin;

/// <summary>One tenant with its setup log.</summary>
public sealed class TenantModel(TenantCatalogStore store) : PageModel
{
    public TenantRecord Tenant { get; private set; } = null!;

    public IReadOnlyList<TenantSetupStep> Steps { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string name)
    {
        var record = await store.FindAsync(name, HttpContext.RequestAborted);
        if (record is null)
        {
            return NotFound();
        }

        Tenant = record;
        Steps = await store.SetupLogAsync(record.Id, HttpContext.RequestAborted);
        return Page();
    }
}

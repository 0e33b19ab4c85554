using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Core.Tenancy;

namespace Platform.Web.Pages.Host;

/// <summary>The host's root: links to the running tenants served under a path prefix.</summary>
[AllowAnonymous]
public sealed class LandingModel(TenantCatalog catalog) : PageModel
{
    public IReadOnlyList<TenantInfo> Tenants { get; private set; } = [];

    public void OnGet() =>
        Tenants = catalog.Current.Tenants.Where(t => t.State == TenantState.Running && t.Prefix.Length > 0).ToList();
}

using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Core.Tenancy;

namespace Platform.Web.Pages.Admin;

/// <summary>The tenant admin's start page.</summary>
public sealed class IndexModel(ITenantContext tenant, TimeProvider clock) : PageModel
{
    public TenantInfo Tenant => tenant.Tenant!;

    public DateTimeOffset LocalNow => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(Tenant.TimeZone));

    public void OnGet()
    {
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Core.Localization;
using Platform.Core.Recipes;
using Platform.Core.Tenancy;

namespace Platform.Web.Pages.HostAdmin;

/// <summary>The host admin's list of tenants with their lifecycle actions.</summary>
public sealed class IndexModel(TenantCatalog catalog, TenantCatalogStore store, TenantSetupService setup, AdminText t) : PageModel
{
    public IReadOnlyList<TenantInfo> Tenants { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Error { get; set; }

    public async Task OnGetAsync()
    {
        await catalog.RefreshAsync(HttpContext.RequestAborted);
        Tenants = catalog.Current.Tenants;
    }

    public Task<IActionResult> OnPostDisableAsync(string name) => ChangeStateAsync(name, TenantState.Disabled, t.F("Đã tạm ngừng '{0}'.", name));

    public Task<IActionResult> OnPostEnableAsync(string name) => ChangeStateAsync(name, TenantState.Running, t.F("Đã bật lại '{0}'.", name));

    public async Task<IActionResult> OnPostSetupAsync(string name)
    {
        try
        {
            var output = new StringWriter();
            var tenant = await setup.SetupAsync(name, output, HttpContext.RequestAborted);
            Message = t.F("Đã thiết lập '{0}': {1}. {2}", tenant.Name, tenant.State, output);
        }
        catch (Exception ex) when (ex is TenantSetupException or RecipeException or TenantValidationException)
        {
            Error = ex.Message;
        }

        return RedirectToPage();
    }

    private async Task<IActionResult> ChangeStateAsync(string name, TenantState state, string done)
    {
        var record = await store.FindAsync(name, HttpContext.RequestAborted);
        if (record is null || record.State is not (TenantState.Running or TenantState.Disabled))
        {
            Error = t.F("Không thể đổi trạng thái của '{0}'.", name);
            return RedirectToPage();
        }

        await store.SetStateAsync(name, state, null, HttpContext.RequestAborted);
        Message = done;
        return RedirectToPage();
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Core.Localization;
using Platform.Core.Settings;
using Platform.Core.Tenancy;
using Platform.Core.Theming;

namespace Platform.Web.Pages.Admin;

/// <summary>Display name, culture, time zone, theme and site values of the tenant.</summary>
[Authorize(Policy = SettingsModule.ManageSettings)]
public sealed class SettingsModel(ITenantContext tenant, TenantCatalogStore store, SiteSettings settings, ThemeCatalog themes, SiteCache cache, AdminText t) : PageModel
{
    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Culture { get; set; }

    [BindProperty]
    public string? TimeZone { get; set; }

    [BindProperty]
    public string? Theme { get; set; }

    [BindProperty]
    public string? Values { get; set; }

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    public IReadOnlyList<string> Themes => themes.Names;

    public async Task OnGetAsync()
    {
        var t = tenant.Tenant!;
        (DisplayName, Culture, TimeZone, Theme) = (t.DisplayName, t.Culture, t.TimeZone, t.Theme);
        var values = await settings.GetAllAsync(HttpContext.RequestAborted);
        Values = string.Join('\n', values.Select(v => $"{v.Key}={v.Value}"));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in (Values ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = line.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                Error = t.F("Dòng '{0}' thiếu dấu '='.", line);
                return Page();
            }

            values[line[..at].Trim()] = line[(at + 1)..].Trim();
        }

        if (Theme is null || !themes.Exists(Theme))
        {
            Error = t["Chọn một giao diện có sẵn."];
            return Page();
        }

        try
        {
            await store.UpdateSettingsAsync(tenant.Tenant!.Name, DisplayName, Culture, TimeZone, Theme, HttpContext.RequestAborted);
            await settings.SetAsync(values, HttpContext.RequestAborted);
            await cache.InvalidateAsync(tenant.Tenant!, HttpContext.RequestAborted);
        }
        catch (TenantValidationException ex)
        {
            Error = string.Join(" ", ex.Errors.Values);
            return Page();
        }

        Message = t["Đã lưu."];
        return RedirectToPage();
    }
}

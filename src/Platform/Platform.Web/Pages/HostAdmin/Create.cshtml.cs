using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Core.Hosting;
using Platform.Core.Localization;
using Platform.Core.Recipes;
using Platform.Core.Tenancy;

namespace Platform.Web.Pages.HostAdmin;

/// <summary>Creates a tenant from one of the recipes shipped with the platform (or exported beside them).</summary>
public sealed class CreateModel(TenantSetupService setup, RecipeReader reader, IWebHostEnvironment environment, AdminText t) : PageModel
{
    [BindProperty]
    public string? Recipe { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Prefix { get; set; }

    [BindProperty]
    public string? Hosts { get; set; }

    [BindProperty]
    public string? Database { get; set; }

    public List<string> Errors { get; } = [];

    public string? Output { get; private set; }

    /// <summary>Recipe folders by path, with their display names.</summary>
    public IReadOnlyDictionary<string, string> Recipes { get; private set; } = new Dictionary<string, string>();

    public void OnGet() => Recipes = FindRecipes();

    public async Task<IActionResult> OnPostAsync()
    {
        Recipes = FindRecipes();
        if (Recipe is null || !Recipes.ContainsKey(Recipe))
        {
            Errors.Add(t["Chọn một recipe trong danh sách."]);
            return Page();
        }

        try
        {
            var output = new StringWriter();
            var hosts = (Hosts ?? string.Empty).Split(['\n', '\r', ',', ' '], StringSplitOptions.RemoveEmptyEntries);
            var prefix = Prefix?.Trim() is { Length: > 0 } p ? p : null;
            var tenant = await setup.CreateAsync(new CreateTenantRequest(Name?.Trim() ?? string.Empty, Recipe, prefix, hosts, Database), output, HttpContext.RequestAborted);
            TempData["Message"] = t.F("Đã tạo '{0}' ({1}). {2}", tenant.Name, tenant.State, output);
            return RedirectToPage("Index");
        }
        catch (TenantValidationException ex)
        {
            Errors.AddRange(ex.Errors.Values);
        }
        catch (Exception ex) when (ex is RecipeException or TenantSetupException)
        {
            Errors.Add(ex.Message);
        }

        return Page();
    }

    private Dictionary<string, string> FindRecipes()
    {
        var recipes = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = ContentPaths.FindFolder("samples", environment.ContentRootPath);
        if (samples is null)
        {
            return recipes;
        }

        foreach (var folder in Directory.GetDirectories(samples).Order(StringComparer.Ordinal))
        {
            try
            {
                recipes[folder] = reader.Read(folder).DisplayName;
            }
            catch (RecipeException)
            {
                // A broken recipe is not offered; `tenant create` reports its error in full.
            }
        }

        return recipes;
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Data;
using Platform.Core.Identity;
using Platform.Core.Modules;
using Platform.Core.Recipes;
using Platform.Core.Tenancy;
using Platform.Core.Theming;

namespace Platform.Core.Settings;

/// <summary>Site settings of each tenant (culture, time zone, theme in the catalog; site values here) and the themed home page.</summary>
public sealed class SettingsModule : IModule
{
    /// <summary>Change the tenant's settings.</summary>
    public const string ManageSettings = "settings.manage";

    /// <inheritdoc />
    public string Name => "Settings";

    /// <inheritdoc />
    public IReadOnlyList<string> Dependencies => ["Tenants"];

    /// <inheritdoc />
    public IReadOnlyList<PermissionDefinition> Permissions => [new(ManageSettings, "Cài đặt trang", [PlatformRoles.TenantAdmin])];

    /// <inheritdoc />
    public IReadOnlyList<AdminMenuItem> AdminMenu => [new("Cài đặt", "/admin/settings", ManageSettings, 1000)];

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration, PlatformOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddModuleDbContext<SettingsDbContext, SqliteSettingsDbContext, PostgresSettingsDbContext>(SettingsDbContext.Module, options.Database.Provider);
        services.AddScoped<SiteSettings>();
        services.AddSingleton<IRecipeStep, SettingsStep>();
        services.AddSingleton<IRecipeExporter, SettingsExporter>();
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/", RenderHomeAsync).WithName("TenantHome");

    private static async Task<IResult> RenderHomeAsync(ITenantContext tenant, ThemeRenderer renderer, SiteSettings settings, HttpContext http)
    {
        var info = tenant.Tenant!;
        var site = new SiteViewModel(info.Name, info.DisplayName, http.Request.PathBase.Value ?? string.Empty, info.Culture, info.Theme, await settings.GetAllAsync(http.RequestAborted));
        var values = new Dictionary<string, object?> { ["user"] = SiteUserViewModel.From(http.User), ["page"] = "Home" };
        var html = await renderer.RenderPageAsync(info, site, "Home", values, info.DisplayName);
        return Results.Content(html, "text/html; charset=utf-8");
    }
}

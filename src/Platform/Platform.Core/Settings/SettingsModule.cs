using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Data;
using Platform.Core.Identity;
using Platform.Core.Modules;
using Platform.Core.Recipes;

namespace Platform.Core.Settings;

/// <summary>Site settings of each tenant (culture, time zone, theme in the catalog; site values here). The home page is the content module's.</summary>
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
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Data;
using Platform.Core.Identity;
using Platform.Core.Modules;
using Platform.Core.Recipes;

namespace Platform.Core.Tenancy;

/// <summary>The tenant catalog, its lifecycle, setup from recipes.</summary>
public sealed class TenantsModule : IModule
{
    /// <summary>Manage tenants (host admin).</summary>
    public const string ManageTenants = "tenants.manage";

    /// <inheritdoc />
    public string Name => "Tenants";

    /// <inheritdoc />
    public IReadOnlyList<PermissionDefinition> Permissions => [new(ManageTenants, "Quản lý các đơn vị tổ chức (tenant)", [PlatformRoles.HostAdmin])];

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration, PlatformOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddModuleDbContext<PlatformDbContext, SqlitePlatformDbContext, PostgresPlatformDbContext>("platform", options.Database.Provider, holdsTenantData: false);
        services.AddSingleton<TenantCatalog>();
        services.AddHostedService<TenantCatalogRefresher>();
        services.AddScoped<TenantCatalogStore>();
        services.AddScoped<TenantSetupService>();
        services.AddScoped<TenantExporter>();
        services.AddSingleton<RecipeReader>();
        services.AddHostedService<AutoSetupService>();
    }
}

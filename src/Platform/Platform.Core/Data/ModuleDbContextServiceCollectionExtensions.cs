using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Core.Tenancy;

namespace Platform.Core.Data;

/// <summary>One module DbContext: its service type, its per-provider types (each with its own migrations) and where it lives.</summary>
/// <param name="ServiceType">What code asks for.</param>
/// <param name="SqliteType">The SQLite subclass, owner of the SQLite migrations.</param>
/// <param name="PostgresType">The PostgreSQL subclass, owner of the PostgreSQL migrations.</param>
/// <param name="ModuleName">Schema (PostgreSQL) or table prefix (SQLite).</param>
/// <param name="HoldsTenantData">True when the context's tables are created in every tenant database too.</param>
public sealed record ModuleDbContextRegistration(Type ServiceType, Type SqliteType, Type PostgresType, string ModuleName, bool HoldsTenantData)
{
    /// <summary>The implementation type for a provider.</summary>
    public Type ImplementationFor(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? PostgresType : SqliteType;
}

/// <summary>Registers module DbContexts.</summary>
public static class ModuleDbContextServiceCollectionExtensions
{
    /// <summary>
    /// Adds a module context whose connection follows the scope's tenant (its dedicated database, or the
    /// platform's), with the tenant guard. The provider subclasses carry the migrations.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext, TSqlite, TPostgres>(this IServiceCollection services, string moduleName, DatabaseProvider provider)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        return services.AddModuleDbContext<TContext, TSqlite, TPostgres>(moduleName, provider, holdsTenantData: true);
    }

    internal static IServiceCollection AddModuleDbContext<TContext, TSqlite, TPostgres>(this IServiceCollection services, string moduleName, DatabaseProvider provider, bool holdsTenantData)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        services.TryAddSingleton<TenantGuardInterceptor>();
        var registration = new ModuleDbContextRegistration(typeof(TContext), typeof(TSqlite), typeof(TPostgres), moduleName, holdsTenantData);
        services.AddSingleton(registration);

        void Configure(IServiceProvider sp, DbContextOptionsBuilder options)
        {
            var locator = sp.GetRequiredService<DatabaseLocator>();
            var connection = holdsTenantData
                ? locator.ForTenant(sp.GetRequiredService<ITenantContext>().Tenant)
                : locator.PlatformConnectionString;
            options.Use(locator.Provider, connection, moduleName, registration.ImplementationFor(locator.Provider))
                .AddInterceptors(sp.GetRequiredService<TenantGuardInterceptor>());
        }

        return provider == DatabaseProvider.Postgres
            ? services.AddDbContext<TContext, TPostgres>(Configure)
            : services.AddDbContext<TContext, TSqlite>(Configure);
    }
}

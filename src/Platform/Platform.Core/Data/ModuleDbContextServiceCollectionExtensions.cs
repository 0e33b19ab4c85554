using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
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
        where TSqlite : TContext, IModuleDbContext
        where TPostgres : TContext, IModuleDbContext
    {
        return services.AddModuleDbContext<TContext, TSqlite, TPostgres>(moduleName, provider, holdsTenantData: true);
    }

    internal static IServiceCollection AddModuleDbContext<TContext, TSqlite, TPostgres>(this IServiceCollection services, string moduleName, DatabaseProvider provider, bool holdsTenantData)
        where TContext : DbContext
        where TSqlite : TContext, IModuleDbContext
        where TPostgres : TContext, IModuleDbContext
    {
        services.TryAddSingleton<TenantGuardInterceptor>();
        var registration = new ModuleDbContextRegistration(typeof(TContext), typeof(TSqlite), typeof(TPostgres), moduleName, holdsTenantData);
        services.AddSingleton(registration);

        return provider == DatabaseProvider.Postgres
            ? services.AddModuleDbContext<TContext, TPostgres>(registration)
            : services.AddModuleDbContext<TContext, TSqlite>(registration);
    }

    private static IServiceCollection AddModuleDbContext<TContext, TImplementation>(this IServiceCollection services, ModuleDbContextRegistration registration)
        where TContext : DbContext
        where TImplementation : TContext, IModuleDbContext
    {
        services.AddSingleton(sp => new ModuleDbContextPools<TImplementation>(sp, registration));
        services.AddScoped<TContext>(sp => sp.GetRequiredService<ModuleDbContextPools<TImplementation>>().Lease(sp.GetRequiredService<ITenantContext>()));
        return services;
    }
}

/// <summary>
/// A pool of a module context's instances for each database (decision 0013). A scope leases one the first time it asks
/// for the context, bound to the scope's tenant, and gives it back when it ends. Setting up a context's EF services for
/// every request was ≈ 9–11 % of a node's CPU at the deadline (docs/benchmarks.md); a pooled context keeps them. The
/// options of a database are built once and shared by its pool.
/// </summary>
internal sealed class ModuleDbContextPools<TContext>(IServiceProvider root, ModuleDbContextRegistration registration)
    where TContext : DbContext, IModuleDbContext
{
    private readonly DatabaseLocator _locator = root.GetRequiredService<DatabaseLocator>();
    private readonly ConcurrentDictionary<string, PooledDbContextFactory<TContext>> _pools = new(StringComparer.Ordinal);

    public TContext Lease(ITenantContext tenantContext)
    {
        var connection = registration.HoldsTenantData ? _locator.ForTenant(tenantContext.Tenant) : _locator.PlatformConnectionString;
        var context = _pools.GetOrAdd(connection, static (c, pools) => pools.Pool(c), this).CreateDbContext();
        context.TenantScope = tenantContext;
        return context;
    }

    private PooledDbContextFactory<TContext> Pool(string connection) =>
        new((DbContextOptions<TContext>)new DbContextOptionsBuilder<TContext>()
            .UseApplicationServiceProvider(root)
            .Use(_locator.Provider, connection, registration.ModuleName, typeof(TContext))
            .AddInterceptors(root.GetRequiredService<TenantGuardInterceptor>())
            .Options);
}

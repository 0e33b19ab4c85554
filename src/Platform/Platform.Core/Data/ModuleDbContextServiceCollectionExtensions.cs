using System.Collections.Concurrent;
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

        return provider == DatabaseProvider.Postgres
            ? services.AddModuleDbContext<TContext, TPostgres>(registration)
            : services.AddModuleDbContext<TContext, TSqlite>(registration);
    }

    // Registered before AddDbContext, whose own registration of the options then yields to this one.
    private static IServiceCollection AddModuleDbContext<TContext, TImplementation>(this IServiceCollection services, ModuleDbContextRegistration registration)
        where TContext : DbContext
        where TImplementation : TContext
    {
        services.AddSingleton(sp => new ModuleDbContextOptions<TImplementation>(sp, registration));
        services.AddScoped(sp => sp.GetRequiredService<ModuleDbContextOptions<TImplementation>>().For(sp.GetRequiredService<ITenantContext>()));
        return services.AddDbContext<TContext, TImplementation>();
    }
}

/// <summary>
/// A module context's options for each database, built once and shared by every scope that uses that database, as EF
/// shares options registered as singletons: they depend only on the database the scope's tenant lives in, and building
/// them for every request was a few percent of a node's CPU at the deadline (docs/benchmarks.md).
/// </summary>
internal sealed class ModuleDbContextOptions<TContext>(IServiceProvider root, ModuleDbContextRegistration registration)
    where TContext : DbContext
{
    private readonly ConcurrentDictionary<string, DbContextOptions<TContext>> _built = new(StringComparer.Ordinal);

    public DbContextOptions<TContext> For(ITenantContext tenantContext)
    {
        var locator = root.GetRequiredService<DatabaseLocator>();
        var connection = registration.HoldsTenantData ? locator.ForTenant(tenantContext.Tenant) : locator.PlatformConnectionString;
        return _built.GetOrAdd(connection, c => (DbContextOptions<TContext>)new DbContextOptionsBuilder<TContext>()
            .UseApplicationServiceProvider(root)
            .Use(locator.Provider, c, registration.ModuleName, typeof(TContext))
            .AddInterceptors(root.GetRequiredService<TenantGuardInterceptor>())
            .Options);
    }
}

using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Platform.Core.Tenancy;

namespace Platform.Core.Data;

/// <summary>
/// What every module context shares: the current tenant for query filters, and the naming of its tables
/// (a schema per module on PostgreSQL, a table prefix on SQLite).
/// </summary>
public interface IModuleDbContext
{
    /// <summary>The tenant id the query filters compare with and the tenant guard stamps and checks.</summary>
    string CurrentTenantId { get; }

    /// <summary>
    /// The scope this context serves. Contexts come from a pool per database (decision 0013): it is set each time one
    /// is handed to a scope.
    /// </summary>
    ITenantContext? TenantScope { get; set; }
}

/// <summary>Base class of a module's DbContext.</summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options), IModuleDbContext
{
    /// <inheritdoc />
    public string CurrentTenantId => ModuleDbContextTenancy.CurrentTenantId(this);

    /// <inheritdoc />
    public ITenantContext? TenantScope { get; set; }

    /// <summary>The module's short name: the PostgreSQL schema, and the SQLite table prefix.</summary>
    protected abstract string ModuleName { get; }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyPlatformConventions(this, ModuleName, Database.ProviderName);
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Every DateTime is UTC: SQLite forgets the kind, PostgreSQL's timestamptz insists on it.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}

/// <summary>The tenant rule every module context follows, also those that cannot derive from <see cref="ModuleDbContext"/>.</summary>
public static class ModuleDbContextTenancy
{
    /// <summary>The tenant of the scope the context serves; a context that serves none refuses to read or write.</summary>
    public static string CurrentTenantId(IModuleDbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.TenantScope?.TenantId
            ?? throw new InvalidOperationException($"{context.GetType().Name} serves no scope: take it from a scope's services (or set {nameof(IModuleDbContext.TenantScope)}), and do not keep it after the scope ends.");
    }
}

/// <summary>Reads and writes <see cref="DateTime"/> values as UTC.</summary>
public sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));

/// <summary>The conventions every module model follows; also applied by contexts that cannot derive from <see cref="ModuleDbContext"/>.</summary>
public static class ModelBuilderExtensions
{
    /// <summary>Adds the tenant filter to tenant-owned types and names tables for the provider.</summary>
    public static ModelBuilder ApplyPlatformConventions(this ModelBuilder modelBuilder, IModuleDbContext context, string moduleName, string? providerName)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var postgres = DatabaseProviders.IsPostgres(providerName);
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.BaseType is null && !e.IsOwned()))
        {
            if (postgres)
            {
                entity.SetSchema(moduleName);
            }
            else
            {
                entity.SetTableName($"{moduleName}_{entity.GetTableName()}");
            }

            if (typeof(ITenantOwned).IsAssignableFrom(entity.ClrType))
            {
                entity.SetQueryFilter(TenantFilter(entity, context));
                var tenantId = entity.FindProperty(nameof(ITenantOwned.TenantId))!;
                tenantId.SetMaxLength(40);
                tenantId.IsNullable = false;
            }
        }

        return modelBuilder;
    }

    // e => e.TenantId == context.CurrentTenantId, with the context as a constant so EF parameterizes it per instance.
    private static LambdaExpression TenantFilter(IMutableEntityType entity, IModuleDbContext context)
    {
        var row = Expression.Parameter(entity.ClrType, "e");
        var rowTenant = Expression.Property(Expression.Convert(row, typeof(ITenantOwned)), nameof(ITenantOwned.TenantId));
        var current = Expression.Property(Expression.Constant(context, context.GetType()), nameof(IModuleDbContext.CurrentTenantId));
        return Expression.Lambda(Expression.Equal(rowTenant, current), row);
    }
}

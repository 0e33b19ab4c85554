using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Platform.Core.Tenancy;

namespace Platform.Core.Data;

/// <summary>
/// Lets <c>dotnet ef</c> create a provider subclass of a module context, to add and check its migrations.
/// Subclass it once per provider subclass.
/// </summary>
public abstract class DesignTimeContextFactory<TContext>(DatabaseProvider provider, string moduleName) : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    /// <inheritdoc />
    public TContext CreateDbContext(string[] args)
    {
        var connection = provider == DatabaseProvider.Postgres ? "Host=localhost;Database=design" : "Data Source=design.db";
        var options = new DbContextOptionsBuilder<TContext>().Use(provider, connection, moduleName, typeof(TContext)).Options;
        var context = (TContext)Activator.CreateInstance(typeof(TContext), options)!;
        ((IModuleDbContext)context).TenantScope = TenantContext.Host();
        return context;
    }
}

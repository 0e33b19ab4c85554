using Microsoft.EntityFrameworkCore;

namespace Platform.Core.Data;

/// <summary>Configures EF Core for the platform's providers, with one migrations history table per module.</summary>
public static class DatabaseProviders
{
    /// <summary>Whether an EF provider name is Npgsql's.</summary>
    public static bool IsPostgres(string? providerName) =>
        providerName?.Contains("Npgsql", StringComparison.Ordinal) == true;

    /// <summary>
    /// Points <paramref name="builder"/> at a database, keeping the module's migrations history apart; the
    /// migrations are those of <paramref name="contextType"/>'s assembly.
    /// </summary>
    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString, string moduleName, Type contextType)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(contextType);
        var assembly = contextType.Assembly.GetName().Name;
        return provider switch
        {
            DatabaseProvider.Postgres => builder.UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__migrations", moduleName).MigrationsAssembly(assembly)),
            _ => builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable($"__{moduleName}_migrations").MigrationsAssembly(assembly)),
        };
    }
}

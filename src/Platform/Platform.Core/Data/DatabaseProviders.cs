using Microsoft.EntityFrameworkCore;

namespace Platform.Core.Data;

/// <summary>Configures EF Core for the platform's providers, with one migrations history table per module.</summary>
public static class DatabaseProviders
{
    /// <summary>Whether an EF provider name is Npgsql's.</summary>
    public static bool IsPostgres(string? providerName) =>
        providerName?.Contains("Npgsql", StringComparison.Ordinal) == true;

    /// <summary>Points <paramref name="builder"/> at a database, keeping the module's migrations history apart.</summary>
    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString, string moduleName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return provider switch
        {
            DatabaseProvider.Postgres => builder.UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__migrations", moduleName)),
            _ => builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable($"__{moduleName}_migrations")),
        };
    }
}

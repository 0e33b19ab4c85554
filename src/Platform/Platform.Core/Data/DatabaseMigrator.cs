using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.Core.Tenancy;

namespace Platform.Core.Data;

/// <summary>Applies every module's migrations to the platform database and to dedicated tenant databases.</summary>
public sealed class DatabaseMigrator(
    IEnumerable<ModuleDbContextRegistration> registrations,
    DatabaseLocator locator,
    ILogger<DatabaseMigrator> logger)
{
    /// <summary>Migrates the platform database: the catalog and every module's tables.</summary>
    public Task MigratePlatformAsync(CancellationToken cancellationToken) =>
        MigrateAsync(locator.PlatformConnectionString, registrations, cancellationToken);

    /// <summary>Migrates a tenant's dedicated database, if it has one.</summary>
    public Task MigrateTenantAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return string.IsNullOrWhiteSpace(tenant.DatabaseConnectionString)
            ? Task.CompletedTask
            : MigrateAsync(tenant.DatabaseConnectionString, registrations.Where(r => r.HoldsTenantData), cancellationToken);
    }

    /// <summary>Creates a context of <paramref name="registration"/> on a given database, in the host scope.</summary>
    public DbContext CreateContext(ModuleDbContextRegistration registration, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var type = registration.ImplementationFor(locator.Provider);
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(type))!;
        builder.Use(locator.Provider, connectionString, registration.ModuleName, type);
        var context = (DbContext)Activator.CreateInstance(type, builder.Options)!;
        ((IModuleDbContext)context).TenantScope = TenantContext.Host();
        return context;
    }

    private async Task MigrateAsync(string connectionString, IEnumerable<ModuleDbContextRegistration> contexts, CancellationToken cancellationToken)
    {
        if (locator.Provider == DatabaseProvider.Sqlite)
        {
            PrepareSqliteFile(connectionString);
        }

        foreach (var registration in contexts)
        {
            await using var context = CreateContext(registration, connectionString);
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0)
            {
                continue;
            }

            logger.LogInformation("Applying {Count} migration(s) of {Module}", pending.Count, registration.ModuleName);
            await context.Database.MigrateAsync(cancellationToken);
        }
    }

    // WAL lets the CLI write while the server reads; the folder must exist before SQLite creates the file.
    private static void PrepareSqliteFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:")
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }
}

using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Core.Tenancy;

namespace Platform.Core.Data;

/// <summary>Where the platform's and each tenant's data live.</summary>
public sealed class DatabaseLocator
{
    private readonly ConcurrentDictionary<string, string> _tenantConnectionStrings = new(StringComparer.Ordinal);

    /// <summary>Resolves the data path and the platform connection string from the options.</summary>
    public DatabaseLocator(IOptions<PlatformOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var value = options.Value;
        Provider = value.Database.Provider;
        DataPath = Path.GetFullPath(value.DataPath, environment.ContentRootPath);
        PlatformConnectionString = string.IsNullOrWhiteSpace(value.Database.ConnectionString)
            ? DefaultSqlite(Path.Combine(DataPath, "platform.db"))
            : Provider == DatabaseProvider.Postgres ? WithPostgresDefaults(value.Database.ConnectionString) : value.Database.ConnectionString;
        if (Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(value.Database.ConnectionString))
        {
            throw new InvalidOperationException("Platform:Database:ConnectionString is required when Platform:Database:Provider is Postgres.");
        }
    }

    /// <summary>The provider of every database.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>Absolute data folder.</summary>
    public string DataPath { get; }

    /// <summary>The platform database.</summary>
    public string PlatformConnectionString { get; }

    /// <summary>The database holding a tenant's rows.</summary>
    public string ForTenant(TenantInfo? tenant) =>
        string.IsNullOrWhiteSpace(tenant?.DatabaseConnectionString) ? PlatformConnectionString
        : Provider == DatabaseProvider.Postgres ? _tenantConnectionStrings.GetOrAdd(tenant.DatabaseConnectionString, WithPostgresDefaults)
        : tenant.DatabaseConnectionString;

    /// <summary>
    /// A PostgreSQL connection string with the platform's defaults for what it leaves unset: <c>Max Auto Prepare=64</c>
    /// (the few statements of answer saves and starts are prepared once per connection instead of parsed and planned on
    /// every call) and <c>No Reset On Close=true</c> (no reset sent each time a connection goes back to the pool: the
    /// platform keeps no session state — no SET, temporary tables, LISTEN or advisory locks). Measured on the
    /// deadline evening: docs/benchmarks.md.
    /// </summary>
    public static string WithPostgresDefaults(string connectionString)
    {
        var result = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var keys = result.Keys.Cast<string>().Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!keys.Contains("MaxAutoPrepare"))
        {
            result["Max Auto Prepare"] = "64";
        }

        if (!keys.Contains("NoResetOnClose"))
        {
            result["No Reset On Close"] = "true";
        }

        return result.ConnectionString;
    }

    /// <summary>The connection string of a SQLite file.</summary>
    public static string DefaultSqlite(string file) => $"Data Source={file};Pooling=True;Default Timeout=30";
}

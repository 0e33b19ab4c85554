using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Core.Tenancy;

namespace Platform.Core.Data;

/// <summary>Where the platform's and each tenant's data live.</summary>
public sealed class DatabaseLocator
{
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
            : value.Database.ConnectionString;
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
        string.IsNullOrWhiteSpace(tenant?.DatabaseConnectionString) ? PlatformConnectionString : tenant.DatabaseConnectionString;

    /// <summary>The connection string of a SQLite file.</summary>
    public static string DefaultSqlite(string file) => $"Data Source={file};Pooling=True;Default Timeout=30";
}

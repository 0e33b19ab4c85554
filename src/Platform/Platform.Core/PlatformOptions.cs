namespace Platform.Core;

/// <summary>The platform's configuration, bound from the <c>Platform</c> section.</summary>
public sealed class PlatformOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Platform";

    /// <summary>Folder for SQLite databases, keys, media and logs; relative paths are under the content root.</summary>
    public string DataPath { get; set; } = "App_Data";

    /// <summary>Database of the platform (and of every tenant without a dedicated database).</summary>
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>Redis configuration; empty means single node with in-process equivalents.</summary>
    public RedisOptions Redis { get; set; } = new();

    /// <summary>Recipe folders set up on the first start with an empty tenant catalog.</summary>
    public IList<string> AutoSetup { get; set; } = [];

    /// <summary>Values used once, on the first start.</summary>
    public BootstrapOptions Bootstrap { get; set; } = new();

    /// <summary>Folder of the themes; relative paths are searched from the working directory up.</summary>
    public string ThemesPath { get; set; } = "themes";

    /// <summary>How often the tenant catalog checks its version stamp.</summary>
    public TimeSpan CatalogRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Database provider and connection.</summary>
public sealed class DatabaseOptions
{
    /// <summary><c>Sqlite</c> or <c>Postgres</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Connection string of the platform database; empty means a SQLite file under the data path.</summary>
    public string? ConnectionString { get; set; }
}

/// <summary>Redis settings.</summary>
public sealed class RedisOptions
{
    /// <summary>StackExchange.Redis configuration string; empty means no Redis.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key and channel; default <c>platform:{environment}:</c>.</summary>
    public string? KeyPrefix { get; set; }
}

/// <summary>First-start values.</summary>
public sealed class BootstrapOptions
{
    /// <summary>Password of the host admin <c>admin</c>; empty means a random one printed once.</summary>
    public string? AdminPassword { get; set; }
}

/// <summary>The database engines the platform runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded SQLite files (default, single node).</summary>
    Sqlite,

    /// <summary>PostgreSQL (production, many nodes).</summary>
    Postgres,
}

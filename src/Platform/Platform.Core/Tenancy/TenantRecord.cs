namespace Platform.Core.Tenancy;

/// <summary>A tenant of the catalog, as stored.</summary>
public sealed class TenantRecord
{
    /// <summary>Stable id, stored in tenant-owned rows.</summary>
    public required string Id { get; set; }

    /// <summary>Unique slug.</summary>
    public required string Name { get; set; }

    /// <summary>Shown to people.</summary>
    public required string DisplayName { get; set; }

    /// <summary>Lifecycle state.</summary>
    public TenantState State { get; set; }

    /// <summary>Unique path prefix, or null.</summary>
    public string? Prefix { get; set; }

    /// <summary>Host names mapped to the tenant.</summary>
    public List<TenantHost> Hosts { get; set; } = [];

    /// <summary>Culture name.</summary>
    public string Culture { get; set; } = "vi-VN";

    /// <summary>IANA time zone.</summary>
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";

    /// <summary>Theme folder.</summary>
    public string Theme { get; set; } = "Default";

    /// <summary>Dedicated database, or null.</summary>
    public string? DatabaseConnectionString { get; set; }

    /// <summary>Absolute folder of the recipe that sets the tenant up.</summary>
    public string? RecipePath { get; set; }

    /// <summary>Why the last setup failed.</summary>
    public string? LastError { get; set; }

    /// <summary>Catalog version of the last change.</summary>
    public long Version { get; set; }

    /// <summary>When it was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it last changed (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The immutable view the pipeline uses.</summary>
    public TenantInfo ToInfo() => new(
        Id, Name, DisplayName, State, Prefix ?? string.Empty,
        Hosts.Select(h => h.Host).Order(StringComparer.Ordinal).ToList(),
        Culture, TimeZone, Theme, DatabaseConnectionString, LastError);
}

/// <summary>A host name of a tenant; unique across the catalog.</summary>
public sealed class TenantHost
{
    /// <summary>Normalized host name, optionally with <c>:port</c>.</summary>
    public required string Host { get; set; }

    /// <summary>Owning tenant.</summary>
    public string TenantRecordId { get; set; } = string.Empty;
}

/// <summary>The single row whose version changes with every catalog change; nodes poll it.</summary>
public sealed class CatalogStamp
{
    /// <summary>Always 1.</summary>
    public int Id { get; set; }

    /// <summary>Grows by one on every change.</summary>
    public long Version { get; set; }
}

/// <summary>One step of a tenant's setup, as it ran.</summary>
public sealed class TenantSetupStep
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>The tenant being set up.</summary>
    public required string TenantRecordId { get; set; }

    /// <summary>Position in the recipe.</summary>
    public int Index { get; set; }

    /// <summary>Step name.</summary>
    public required string Name { get; set; }

    /// <summary><c>Succeeded</c> or <c>Failed</c>.</summary>
    public required string Outcome { get; set; }

    /// <summary>The error, when it failed.</summary>
    public string? Error { get; set; }

    /// <summary>When it started (UTC).</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>How long it took.</summary>
    public double DurationMs { get; set; }
}

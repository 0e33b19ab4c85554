namespace Platform.Core.Tenancy;

/// <summary>An immutable view of one tenant of the catalog, as the request pipeline sees it.</summary>
/// <param name="Id">Stable identifier stored in every tenant-owned row.</param>
/// <param name="Name">Unique slug, used by operators and the CLI.</param>
/// <param name="DisplayName">Shown to people.</param>
/// <param name="State">Lifecycle state.</param>
/// <param name="Prefix">First path segment that selects the tenant; empty when it is served by host names only.</param>
/// <param name="Hosts">Host names (optionally with a port) that select the tenant.</param>
/// <param name="Culture">Culture name, for example <c>vi-VN</c>.</param>
/// <param name="TimeZone">IANA time zone, for example <c>Asia/Ho_Chi_Minh</c>.</param>
/// <param name="Theme">Theme folder name.</param>
/// <param name="DatabaseConnectionString">Dedicated database, or null for the platform database.</param>
/// <param name="LastError">Why the last setup failed, if it did.</param>
public sealed record TenantInfo(
    string Id,
    string Name,
    string DisplayName,
    TenantState State,
    string Prefix,
    IReadOnlyList<string> Hosts,
    string Culture,
    string TimeZone,
    string Theme,
    string? DatabaseConnectionString,
    string? LastError)
{
    /// <summary>The id of the host scope (host admin, platform pages); never a real tenant's id.</summary>
    public const string HostId = "__host";
}

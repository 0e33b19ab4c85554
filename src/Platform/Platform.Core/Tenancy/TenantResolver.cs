using Microsoft.AspNetCore.Http;

namespace Platform.Core.Tenancy;

/// <summary>What a request path and host name resolve to.</summary>
public enum ResolutionKind
{
    /// <summary>A tenant of the catalog.</summary>
    Tenant,

    /// <summary>The host scope: host admin, health, platform pages.</summary>
    Host,

    /// <summary>A first path segment that names no tenant.</summary>
    Unknown,
}

/// <summary>The outcome of resolving a request.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="Tenant">The tenant, for <see cref="ResolutionKind.Tenant"/>.</param>
/// <param name="PathBase">The prefix moved out of the path (for example <c>/backan-2023</c>), or empty.</param>
/// <param name="Path">The rest of the path.</param>
public sealed record TenantResolution(ResolutionKind Kind, TenantInfo? Tenant, PathString PathBase, PathString Path);

/// <summary>
/// An immutable snapshot of the catalog with the lookups the request pipeline needs.
/// Resolution is host first, then the first path segment; both are case-insensitive.
/// </summary>
public sealed class TenantCatalogSnapshot
{
    private readonly Dictionary<string, TenantInfo> _byHost = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TenantInfo> _byPrefix = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TenantInfo> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>An empty catalog.</summary>
    public static readonly TenantCatalogSnapshot Empty = new([], -1);

    /// <summary>Builds the lookups over <paramref name="tenants"/>.</summary>
    public TenantCatalogSnapshot(IReadOnlyList<TenantInfo> tenants, long version)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        Tenants = tenants;
        Version = version;
        foreach (var tenant in tenants)
        {
            _byName[tenant.Name] = tenant;
            if (tenant.Prefix.Length > 0)
            {
                _byPrefix[tenant.Prefix] = tenant;
            }

            foreach (var host in tenant.Hosts)
            {
                _byHost[host] = tenant;
            }
        }
    }

    /// <summary>Every tenant, in catalog order.</summary>
    public IReadOnlyList<TenantInfo> Tenants { get; }

    /// <summary>The catalog version stamp this snapshot was read at.</summary>
    public long Version { get; }

    /// <summary>Finds a tenant by name.</summary>
    public TenantInfo? FindByName(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Resolves a request's host and path.</summary>
    public TenantResolution Resolve(HostString host, PathString path)
    {
        if (host.HasValue)
        {
            // An exact "name:port" mapping wins over the bare host name.
            var hostName = host.Host.TrimEnd('.');
            if ((host.Port is { } port && _byHost.TryGetValue($"{hostName}:{port}", out var withPort))
                || _byHost.TryGetValue(hostName, out withPort))
            {
                return new TenantResolution(ResolutionKind.Tenant, withPort, PathString.Empty, path);
            }
        }

        var value = path.Value ?? string.Empty;
        var start = value.StartsWith('/') ? 1 : 0;
        var end = value.IndexOf('/', start);
        var segment = end < 0 ? value[start..] : value[start..end];
        if (segment.Length == 0 || TenantNameRules.IsReserved(segment))
        {
            return new TenantResolution(ResolutionKind.Host, null, PathString.Empty, path);
        }

        if (_byPrefix.TryGetValue(segment, out var tenant))
        {
            var rest = end < 0 ? "/" : value[end..];
            return new TenantResolution(ResolutionKind.Tenant, tenant, new PathString("/" + tenant.Prefix), new PathString(rest));
        }

        return new TenantResolution(ResolutionKind.Unknown, null, PathString.Empty, path);
    }
}

namespace Platform.Core.Tenancy;

/// <summary>The tenant of the current scope (request or background job).</summary>
public interface ITenantContext
{
    /// <summary>The tenant, or null in the host scope.</summary>
    TenantInfo? Tenant { get; }

    /// <summary>The id stored in tenant-owned rows: the tenant's id, or <see cref="TenantInfo.HostId"/> in the host scope.</summary>
    string TenantId { get; }

    /// <summary>The path base of the tenant (for example <c>/backan-2023</c>), or empty.</summary>
    string PathBase { get; }
}

/// <summary>The scoped holder behind <see cref="ITenantContext"/>; set once per scope.</summary>
public sealed class TenantContext : ITenantContext
{
    private bool _set;

    /// <inheritdoc />
    public TenantInfo? Tenant { get; private set; }

    /// <inheritdoc />
    public string TenantId => Tenant?.Id ?? TenantInfo.HostId;

    /// <inheritdoc />
    public string PathBase { get; private set; } = string.Empty;

    /// <summary>A context bound to the host scope, for work outside any request (migrations, design time).</summary>
    public static TenantContext Host()
    {
        var host = new TenantContext();
        host.Set(null);
        return host;
    }

    /// <summary>Binds the scope to a tenant (null for the host). A scope's tenant never changes.</summary>
    public void Set(TenantInfo? tenant, string pathBase = "")
    {
        if (_set && !Equals(Tenant?.Id, tenant?.Id))
        {
            throw new InvalidOperationException("The tenant of a scope cannot change once set.");
        }

        _set = true;
        Tenant = tenant;
        PathBase = pathBase;
    }
}

namespace Platform.Core.Tenancy;

/// <summary>The lifecycle of a tenant: Uninitialized → Initializing → Running ⇄ Disabled.</summary>
public enum TenantState
{
    /// <summary>Created, or its setup failed; not served.</summary>
    Uninitialized,

    /// <summary>Its recipe is running; answered with 503 and Retry-After.</summary>
    Initializing,

    /// <summary>Live.</summary>
    Running,

    /// <summary>Switched off by an operator; answered with 404.</summary>
    Disabled,
}

namespace Platform.Core.Data;

/// <summary>
/// A row that belongs to one tenant. Every module context filters these rows to the current tenant and
/// refuses to save one whose tenant differs from the scope's.
/// </summary>
public interface ITenantOwned
{
    /// <summary>The owning tenant's id; stamped on insert when left empty.</summary>
    string TenantId { get; set; }
}

using Platform.Core.Data;

namespace Quiz.Units;

/// <summary>A unit (đơn vị) of the tree: department, district or commune, with its block and headcount.</summary>
public sealed class Unit : ITenantOwned
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Code, unique per tenant.</summary>
    public string Code { get; set; } = string.Empty;

    /// <summary>Name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Code of the parent unit, or null at the top of the tree.</summary>
    public string? ParentCode { get; set; }

    /// <summary>Block (khối), for unit prizes per block.</summary>
    public string? Block { get; set; }

    /// <summary>Number of staff (CBCCVC), for participation rates; null when unknown.</summary>
    public int? Headcount { get; set; }

    /// <summary>Position among siblings, as imported.</summary>
    public int SortOrder { get; set; }
}

using Platform.Core.Data;

namespace Quiz.Contestants;

/// <summary>A registered contestant of a tenant. Personal data (Decree 13/2023/NĐ-CP): never on public pages.</summary>
public sealed class Contestant : ITenantOwned
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The Identity account (user name = citizen id).</summary>
    public string UserId { get; set; } = string.Empty;

    /// <summary>Full name.</summary>
    public string FullName { get; set; } = string.Empty;

    /// <summary>Date of birth.</summary>
    public DateOnly DateOfBirth { get; set; }

    /// <summary>Gender as given, optional.</summary>
    public string? Gender { get; set; }

    /// <summary>12-digit citizen id (CCCD), unique per tenant.</summary>
    public string CitizenId { get; set; } = string.Empty;

    /// <summary>Mobile number, <c>0xxxxxxxxx</c>, unique per tenant.</summary>
    public string Phone { get; set; } = string.Empty;

    /// <summary>E-mail, optional.</summary>
    public string? Email { get; set; }

    /// <summary>Group code (N1, N2).</summary>
    public string GroupCode { get; set; } = string.Empty;

    /// <summary>Unit code from the tree.</summary>
    public string UnitCode { get; set; } = string.Empty;

    /// <summary>When consent to personal-data processing was given (UTC).</summary>
    public DateTime ConsentedAt { get; set; }

    /// <summary>Version of the consent text shown.</summary>
    public string ConsentVersion { get; set; } = string.Empty;

    /// <summary>When the registration was made (UTC).</summary>
    public DateTime CreatedAt { get; set; }
}

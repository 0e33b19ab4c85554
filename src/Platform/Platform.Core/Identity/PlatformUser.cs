using Microsoft.AspNetCore.Identity;
using Platform.Core.Data;

namespace Platform.Core.Identity;

/// <summary>A person who signs in to one tenant (or to the host). User names are unique per tenant.</summary>
public sealed class PlatformUser : IdentityUser, ITenantOwned
{
    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Full name shown in admin pages.</summary>
    public string? DisplayName { get; set; }

    /// <summary>When the account was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A role of one tenant; the names are those of <see cref="PlatformRoles"/>.</summary>
public sealed class PlatformRole : IdentityRole, ITenantOwned
{
    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;
}

/// <summary>User-role link, tenant-owned.</summary>
public sealed class PlatformUserRole : IdentityUserRole<string>, ITenantOwned
{
    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;
}

/// <summary>User claim, tenant-owned.</summary>
public sealed class PlatformUserClaim : IdentityUserClaim<string>, ITenantOwned
{
    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;
}

/// <summary>External login, tenant-owned.</summary>
public sealed class PlatformUserLogin : IdentityUserLogin<string>, ITenantOwned
{
    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;
}

/// <summary>Role claim, tenant-owned.</summary>
public sealed class PlatformRoleClaim : IdentityRoleClaim<string>, ITenantOwned
{
    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;
}

/// <summary>User token, tenant-owned.</summary>
public sealed class PlatformUserToken : IdentityUserToken<string>, ITenantOwned
{
    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;
}

/// <summary>The roles of the platform.</summary>
public static class PlatformRoles
{
    /// <summary>Operates the platform; host scope only.</summary>
    public const string HostAdmin = nameof(HostAdmin);

    /// <summary>Ban Tổ chức: everything in one tenant.</summary>
    public const string TenantAdmin = nameof(TenantAdmin);

    /// <summary>Edits pages and news.</summary>
    public const string Editor = nameof(Editor);

    /// <summary>Writes the question bank.</summary>
    public const string QuestionAuthor = nameof(QuestionAuthor);

    /// <summary>Tổ thư ký: follows participation and results.</summary>
    public const string Secretary = nameof(Secretary);

    /// <summary>Takes part in contests.</summary>
    public const string Contestant = nameof(Contestant);

    /// <summary>Roles that exist in every tenant.</summary>
    public static readonly IReadOnlyList<string> TenantRoles = [TenantAdmin, Editor, QuestionAuthor, Secretary, Contestant];

    /// <summary>Roles that may open the tenant admin.</summary>
    public static readonly IReadOnlyList<string> Staff = [TenantAdmin, Editor, QuestionAuthor, Secretary];
}

using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Data;
using Platform.Core.Tenancy;

namespace Platform.Core.Identity;

/// <summary>ASP.NET Core Identity tables, every row owned by a tenant (or by the host scope).</summary>
public abstract class UsersDbContext(DbContextOptions options)
    : IdentityDbContext<PlatformUser, PlatformRole, string, PlatformUserClaim, PlatformUserRole, PlatformUserLogin, PlatformRoleClaim, PlatformUserToken>(options),
      IModuleDbContext
{
    /// <summary>Schema and table prefix.</summary>
    public const string Module = "users";

    /// <inheritdoc />
    public string CurrentTenantId => ModuleDbContextTenancy.CurrentTenantId(this);

    /// <inheritdoc />
    public ITenantContext? TenantScope { get; set; }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.Entity<PlatformUser>(e =>
        {
            e.ToTable("Users");
            e.Metadata.RemoveIndex(e.Metadata.FindIndex([e.Metadata.FindProperty(nameof(PlatformUser.NormalizedUserName))!])!);
            e.HasIndex(u => new { u.TenantId, u.NormalizedUserName }).IsUnique().HasDatabaseName("users_UserNameIndex");
            e.Metadata.RemoveIndex(e.Metadata.FindIndex([e.Metadata.FindProperty(nameof(PlatformUser.NormalizedEmail))!])!);
            e.HasIndex(u => new { u.TenantId, u.NormalizedEmail }).HasDatabaseName("users_EmailIndex");
            e.HasIndex(u => new { u.TenantId, u.PhoneNumber }).HasDatabaseName("users_PhoneIndex");
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.Property(u => u.PhoneNumber).HasMaxLength(20);
        });
        builder.Entity<PlatformRole>(e =>
        {
            e.ToTable("Roles");
            e.Metadata.RemoveIndex(e.Metadata.FindIndex([e.Metadata.FindProperty(nameof(PlatformRole.NormalizedName))!])!);
            e.HasIndex(r => new { r.TenantId, r.NormalizedName }).IsUnique().HasDatabaseName("users_RoleNameIndex");
        });
        builder.Entity<PlatformUserRole>().ToTable("UserRoles");
        builder.Entity<PlatformUserClaim>().ToTable("UserClaims");
        builder.Entity<PlatformUserLogin>(e =>
        {
            e.ToTable("UserLogins");
            e.HasKey(l => new { l.TenantId, l.LoginProvider, l.ProviderKey });
        });
        builder.Entity<PlatformRoleClaim>().ToTable("RoleClaims");
        builder.Entity<PlatformUserToken>().ToTable("UserTokens");
        builder.ApplyPlatformConventions(this, Module, Database.ProviderName);
    }
}

/// <summary>SQLite flavour; owns the SQLite migrations.</summary>
public sealed class SqliteUsersDbContext(DbContextOptions<SqliteUsersDbContext> options)
    : UsersDbContext(options);

/// <summary>PostgreSQL flavour; owns the PostgreSQL migrations.</summary>
public sealed class PostgresUsersDbContext(DbContextOptions<PostgresUsersDbContext> options)
    : UsersDbContext(options);

internal sealed class SqliteUsersDesignFactory() : DesignTimeContextFactory<SqliteUsersDbContext>(DatabaseProvider.Sqlite, UsersDbContext.Module);

internal sealed class PostgresUsersDesignFactory() : DesignTimeContextFactory<PostgresUsersDbContext>(DatabaseProvider.Postgres, UsersDbContext.Module);

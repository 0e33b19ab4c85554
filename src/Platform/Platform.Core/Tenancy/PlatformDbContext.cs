using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Data;

namespace Platform.Core.Tenancy;

/// <summary>The tenant catalog and setup log; always in the platform database.</summary>
public abstract class PlatformDbContext(DbContextOptions options) : ModuleDbContext(options), IDataProtectionKeyContext
{
    /// <summary>The data-protection key ring (auth cookies, antiforgery), shared by every node of the deployment.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Tenants.</summary>
    public DbSet<TenantRecord> Tenants => Set<TenantRecord>();

    /// <summary>Host names.</summary>
    public DbSet<TenantHost> TenantHosts => Set<TenantHost>();

    /// <summary>The version stamp.</summary>
    public DbSet<CatalogStamp> CatalogStamps => Set<CatalogStamp>();

    /// <summary>The setup step log.</summary>
    public DbSet<TenantSetupStep> SetupSteps => Set<TenantSetupStep>();

    /// <inheritdoc />
    protected override string ModuleName => "platform";

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<TenantRecord>(e =>
        {
            e.ToTable("Tenants");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).HasMaxLength(40);
            e.Property(t => t.Name).HasMaxLength(63);
            e.HasIndex(t => t.Name).IsUnique();
            e.Property(t => t.Prefix).HasMaxLength(63);
            e.HasIndex(t => t.Prefix).IsUnique();
            e.Property(t => t.DisplayName).HasMaxLength(300);
            e.Property(t => t.Culture).HasMaxLength(20);
            e.Property(t => t.TimeZone).HasMaxLength(64);
            e.Property(t => t.Theme).HasMaxLength(64);
            e.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
            e.HasMany(t => t.Hosts).WithOne().HasForeignKey(h => h.TenantRecordId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<TenantHost>(e =>
        {
            e.ToTable("TenantHosts");
            e.HasKey(h => h.Host);
            e.Property(h => h.Host).HasMaxLength(260);
        });
        modelBuilder.Entity<CatalogStamp>(e =>
        {
            e.ToTable("CatalogStamp");
            e.Property(s => s.Id).ValueGeneratedNever();
            e.HasData(new CatalogStamp { Id = 1, Version = 0 });
        });
        modelBuilder.Entity<TenantSetupStep>(e =>
        {
            e.ToTable("TenantSetupSteps");
            e.Property(s => s.Name).HasMaxLength(100);
            e.Property(s => s.Outcome).HasMaxLength(20);
            e.HasIndex(s => new { s.TenantRecordId, s.Index });
        });
        modelBuilder.Entity<DataProtectionKey>(e => e.ToTable("DataProtectionKeys"));
        base.OnModelCreating(modelBuilder);
    }
}

/// <summary>SQLite flavour; owns the SQLite migrations.</summary>
public sealed class SqlitePlatformDbContext(DbContextOptions<SqlitePlatformDbContext> options)
    : PlatformDbContext(options);

/// <summary>PostgreSQL flavour; owns the PostgreSQL migrations.</summary>
public sealed class PostgresPlatformDbContext(DbContextOptions<PostgresPlatformDbContext> options)
    : PlatformDbContext(options);

internal sealed class SqlitePlatformDesignFactory() : DesignTimeContextFactory<SqlitePlatformDbContext>(DatabaseProvider.Sqlite, "platform");

internal sealed class PostgresPlatformDesignFactory() : DesignTimeContextFactory<PostgresPlatformDbContext>(DatabaseProvider.Postgres, "platform");

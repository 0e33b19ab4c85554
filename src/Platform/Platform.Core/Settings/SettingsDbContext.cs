using Microsoft.EntityFrameworkCore;
using Platform.Core.Data;

namespace Platform.Core.Settings;

/// <summary>A named value of one tenant's site settings (contact e-mail, organiser, footer text, ...).</summary>
public sealed class TenantSetting : ITenantOwned
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Key, unique per tenant.</summary>
    public required string Key { get; set; }

    /// <summary>Value.</summary>
    public string Value { get; set; } = string.Empty;
}

/// <summary>Site settings of each tenant.</summary>
public abstract class SettingsDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    /// <summary>Schema and table prefix.</summary>
    public const string Module = "settings";

    /// <summary>The settings.</summary>
    public DbSet<TenantSetting> Settings => Set<TenantSetting>();

    /// <inheritdoc />
    protected override string ModuleName => Module;

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<TenantSetting>(e =>
        {
            e.ToTable("Settings");
            e.Property(s => s.Key).HasMaxLength(100);
            e.Property(s => s.Value).HasMaxLength(4000);
            e.HasIndex(s => new { s.TenantId, s.Key }).IsUnique();
        });
        base.OnModelCreating(modelBuilder);
    }
}

/// <summary>SQLite flavour; owns the SQLite migrations.</summary>
public sealed class SqliteSettingsDbContext(DbContextOptions<SqliteSettingsDbContext> options)
    : SettingsDbContext(options);

/// <summary>PostgreSQL flavour; owns the PostgreSQL migrations.</summary>
public sealed class PostgresSettingsDbContext(DbContextOptions<PostgresSettingsDbContext> options)
    : SettingsDbContext(options);

internal sealed class SqliteSettingsDesignFactory() : DesignTimeContextFactory<SqliteSettingsDbContext>(DatabaseProvider.Sqlite, SettingsDbContext.Module);

internal sealed class PostgresSettingsDesignFactory() : DesignTimeContextFactory<PostgresSettingsDbContext>(DatabaseProvider.Postgres, SettingsDbContext.Module);

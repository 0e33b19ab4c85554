using Microsoft.EntityFrameworkCore;
using Platform.Core;
using Platform.Core.Data;

namespace Content.Data;

/// <summary>The content module's tables: pages, news, media, menu and template overrides.</summary>
public abstract class ContentDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    /// <summary>Schema and table prefix.</summary>
    public const string Module = "content";

    /// <summary>Pages.</summary>
    public DbSet<ContentPage> Pages => Set<ContentPage>();

    /// <summary>News posts.</summary>
    public DbSet<NewsPost> News => Set<NewsPost>();

    /// <summary>Media files.</summary>
    public DbSet<MediaFile> Media => Set<MediaFile>();

    /// <summary>Menu links.</summary>
    public DbSet<MenuItem> Menu => Set<MenuItem>();

    /// <summary>Template overrides.</summary>
    public DbSet<TemplateOverride> Templates => Set<TemplateOverride>();

    /// <inheritdoc />
    protected override string ModuleName => Module;

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<ContentPage>(e =>
        {
            e.ToTable("Pages");
            e.Property(p => p.Slug).HasMaxLength(80);
            e.Property(p => p.Title).HasMaxLength(200);
            e.Property(p => p.Description).HasMaxLength(300);
            e.Property(p => p.Format).HasConversion<string>().HasMaxLength(10);
            e.Property(p => p.UpdatedBy).HasMaxLength(256);
            e.HasIndex(p => new { p.TenantId, p.Slug }).IsUnique();
        });
        modelBuilder.Entity<NewsPost>(e =>
        {
            e.ToTable("News");
            e.Property(p => p.Slug).HasMaxLength(120);
            e.Property(p => p.Title).HasMaxLength(200);
            e.Property(p => p.Summary).HasMaxLength(500);
            e.Property(p => p.Cover).HasMaxLength(120);
            e.Property(p => p.Format).HasConversion<string>().HasMaxLength(10);
            e.Property(p => p.UpdatedBy).HasMaxLength(256);
            e.HasIndex(p => new { p.TenantId, p.Slug }).IsUnique();
            e.HasIndex(p => new { p.TenantId, p.PublishAt });
        });
        modelBuilder.Entity<MediaFile>(e =>
        {
            e.ToTable("Media");
            e.Property(m => m.FileName).HasMaxLength(120);
            e.Property(m => m.ContentType).HasMaxLength(60);
            e.Property(m => m.Sha256).HasMaxLength(64);
            e.Property(m => m.UploadedBy).HasMaxLength(256);
            e.HasIndex(m => new { m.TenantId, m.FileName }).IsUnique();
        });
        modelBuilder.Entity<MenuItem>(e =>
        {
            e.ToTable("Menu");
            e.Property(m => m.Title).HasMaxLength(100);
            e.Property(m => m.Url).HasMaxLength(500);
            e.HasIndex(m => new { m.TenantId, m.Position });
        });
        modelBuilder.Entity<TemplateOverride>(e =>
        {
            e.ToTable("Templates");
            e.Property(t => t.Name).HasMaxLength(60);
            e.Property(t => t.UpdatedBy).HasMaxLength(256);
            e.HasIndex(t => new { t.TenantId, t.Name }).IsUnique();
        });
        base.OnModelCreating(modelBuilder);
    }
}

/// <summary>SQLite flavour; owns the SQLite migrations.</summary>
public sealed class SqliteContentDbContext(DbContextOptions<SqliteContentDbContext> options)
    : ContentDbContext(options);

/// <summary>PostgreSQL flavour; owns the PostgreSQL migrations.</summary>
public sealed class PostgresContentDbContext(DbContextOptions<PostgresContentDbContext> options)
    : ContentDbContext(options);

internal sealed class SqliteContentDesignFactory() : DesignTimeContextFactory<SqliteContentDbContext>(DatabaseProvider.Sqlite, ContentDbContext.Module);

internal sealed class PostgresContentDesignFactory() : DesignTimeContextFactory<PostgresContentDbContext>(DatabaseProvider.Postgres, ContentDbContext.Module);

using Microsoft.EntityFrameworkCore;
using Platform.Core;
using Platform.Core.Data;

namespace Results.Data;

/// <summary>The results module's tables: runs with their frozen rankings, unit standings, disqualifications, prediction values, settings.</summary>
public abstract class ResultsDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    /// <summary>Schema and table prefix.</summary>
    public const string Module = "results";

    /// <summary>Runs.</summary>
    public DbSet<ResultRun> Runs => Set<ResultRun>();

    /// <summary>Ranked entries.</summary>
    public DbSet<RankedEntry> RankedEntries => Set<RankedEntry>();

    /// <summary>Unit standings.</summary>
    public DbSet<UnitStanding> UnitStandings => Set<UnitStanding>();

    /// <summary>Disqualifications.</summary>
    public DbSet<Disqualification> Disqualifications => Set<Disqualification>();

    /// <summary>Entered prediction values.</summary>
    public DbSet<PredictionValue> PredictionValues => Set<PredictionValue>();

    /// <summary>Ranking settings per contest.</summary>
    public DbSet<RankingSettings> RankingSettings => Set<RankingSettings>();

    /// <inheritdoc />
    protected override string ModuleName => Module;

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<ResultRun>(e =>
        {
            e.ToTable("Runs");
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(12);
            e.Property(r => r.ComputedBy).HasMaxLength(256);
            e.Property(r => r.ApprovedBy).HasMaxLength(256);
            e.Property(r => r.PublishedBy).HasMaxLength(256);
            e.Property(r => r.ActualPredictionSource).HasMaxLength(500);
            e.Property(r => r.ContentHash).HasMaxLength(64);
            e.HasIndex(r => new { r.TenantId, r.ContestId, r.Round, r.Status });
        });
        modelBuilder.Entity<RankedEntry>(e =>
        {
            e.ToTable("RankedEntries");
            e.HasKey(r => new { r.RunId, r.Position });
            e.Property(r => r.GroupCode).HasMaxLength(20);
            e.Property(r => r.DisplayName).HasMaxLength(200);
            e.Property(r => r.UnitCode).HasMaxLength(40);
            e.Property(r => r.UnitName).HasMaxLength(300);
            e.Property(r => r.Prize).HasMaxLength(60);
            e.HasIndex(r => new { r.RunId, r.GroupCode, r.Rank }).IsUnique();
            e.HasIndex(r => new { r.RunId, r.ContestantId });
            e.HasOne<ResultRun>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<UnitStanding>(e =>
        {
            e.ToTable("UnitStandings");
            e.Property(u => u.Block).HasMaxLength(100);
            e.Property(u => u.UnitCode).HasMaxLength(40);
            e.Property(u => u.UnitName).HasMaxLength(300);
            e.Property(u => u.Prize).HasMaxLength(60);
            e.HasIndex(u => new { u.RunId, u.Block, u.Rank });
            e.HasOne<ResultRun>().WithMany().HasForeignKey(u => u.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Disqualification>(e =>
        {
            e.ToTable("Disqualifications");
            e.Property(d => d.Reason).HasMaxLength(1000);
            e.Property(d => d.By).HasMaxLength(256);
            e.HasIndex(d => new { d.TenantId, d.ContestId, d.ContestantId }).IsUnique();
        });
        modelBuilder.Entity<PredictionValue>(e =>
        {
            e.ToTable("PredictionValues");
            e.Property(p => p.By).HasMaxLength(256);
            e.HasIndex(p => new { p.TenantId, p.ContestId, p.Round, p.At });
        });
        modelBuilder.Entity<RankingSettings>(e =>
        {
            e.ToTable("RankingSettings");
            e.Property(s => s.TieBreaks).HasJsonConversion();
            e.HasIndex(s => new { s.TenantId, s.ContestId }).IsUnique();
        });
        base.OnModelCreating(modelBuilder);
    }
}

/// <summary>SQLite flavour; owns the SQLite migrations.</summary>
public sealed class SqliteResultsDbContext(DbContextOptions<SqliteResultsDbContext> options)
    : ResultsDbContext(options);

/// <summary>PostgreSQL flavour; owns the PostgreSQL migrations.</summary>
public sealed class PostgresResultsDbContext(DbContextOptions<PostgresResultsDbContext> options)
    : ResultsDbContext(options);

internal sealed class SqliteResultsDesignFactory() : DesignTimeContextFactory<SqliteResultsDbContext>(DatabaseProvider.Sqlite, ResultsDbContext.Module);

internal sealed class PostgresResultsDesignFactory() : DesignTimeContextFactory<PostgresResultsDbContext>(DatabaseProvider.Postgres, ResultsDbContext.Module);

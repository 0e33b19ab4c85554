using Microsoft.EntityFrameworkCore;
using Platform.Core;
using Platform.Core.Data;
using Quiz.Attempts;
using Quiz.Contestants;
using Quiz.Contests;
using Quiz.Questions;
using Quiz.Units;

namespace Quiz.Data;

/// <summary>The quiz module's tables: question bank, units, contests, contestants, attempts.</summary>
public abstract class QuizDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    /// <summary>Schema and table prefix.</summary>
    public const string Module = "quiz";

    /// <summary>Questions.</summary>
    public DbSet<Question> Questions => Set<Question>();

    /// <summary>Question versions.</summary>
    public DbSet<QuestionVersion> QuestionVersions => Set<QuestionVersion>();

    /// <summary>Units.</summary>
    public DbSet<Unit> Units => Set<Unit>();

    /// <summary>Contests.</summary>
    public DbSet<Contest> Contests => Set<Contest>();

    /// <summary>Contestants.</summary>
    public DbSet<Contestant> Contestants => Set<Contestant>();

    /// <summary>Attempts.</summary>
    public DbSet<Attempt> Attempts => Set<Attempt>();

    /// <summary>Questions of attempts.</summary>
    public DbSet<AttemptItem> AttemptItems => Set<AttemptItem>();

    /// <inheritdoc />
    protected override string ModuleName => Module;

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<Question>(e =>
        {
            e.ToTable("Questions");
            e.Property(q => q.Code).HasMaxLength(40);
            e.Property(q => q.Topic).HasMaxLength(200);
            e.Property(q => q.State).HasConversion<string>().HasMaxLength(10);
            e.HasIndex(q => new { q.TenantId, q.Code }).IsUnique();
            e.HasIndex(q => new { q.TenantId, q.State, q.Topic, q.Difficulty });
        });
        modelBuilder.Entity<QuestionVersion>(e =>
        {
            e.ToTable("QuestionVersions");
            e.Property(v => v.Text).HasMaxLength(2000);
            e.Property(v => v.Source).HasMaxLength(1000);
            e.Property(v => v.Explanation).HasMaxLength(2000);
            e.HasIndex(v => new { v.TenantId, v.QuestionId, v.Number }).IsUnique();
            e.HasOne<Question>().WithMany().HasForeignKey(v => v.QuestionId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Unit>(e =>
        {
            e.ToTable("Units");
            e.Property(u => u.Code).HasMaxLength(40);
            e.Property(u => u.Name).HasMaxLength(300);
            e.Property(u => u.ParentCode).HasMaxLength(40);
            e.Property(u => u.Block).HasMaxLength(100);
            e.HasIndex(u => new { u.TenantId, u.Code }).IsUnique();
        });
        modelBuilder.Entity<Contest>(e =>
        {
            e.ToTable("Contests");
            e.Property(c => c.Slug).HasMaxLength(80);
            e.Property(c => c.Title).HasMaxLength(500);
            e.Property(c => c.PredictionPrompt).HasMaxLength(1000);
            e.Property(c => c.AttemptsPer).HasConversion<string>().HasMaxLength(10);
            e.Property(c => c.Counts).HasConversion<string>().HasMaxLength(10);
            e.Property(c => c.Predicts).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.ShowAnswers).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Rounds).HasJsonConversion();
            e.Property(c => c.Groups).HasJsonConversion();
            e.Property(c => c.Quotas).HasJsonConversion();
            e.Property(c => c.Prizes).HasJsonConversion();
            e.Property(c => c.UnitPrizes).HasJsonConversion();
            e.Property(c => c.ExcludedCitizenIds).HasJsonConversion();
            e.HasIndex(c => new { c.TenantId, c.Slug }).IsUnique();
        });
        modelBuilder.Entity<Contestant>(e =>
        {
            e.ToTable("Contestants");
            e.Property(c => c.UserId).HasMaxLength(64);
            e.Property(c => c.FullName).HasMaxLength(200);
            e.Property(c => c.Gender).HasMaxLength(20);
            e.Property(c => c.CitizenId).HasMaxLength(12);
            e.Property(c => c.Phone).HasMaxLength(10);
            e.Property(c => c.Email).HasMaxLength(256);
            e.Property(c => c.GroupCode).HasMaxLength(20);
            e.Property(c => c.UnitCode).HasMaxLength(40);
            e.Property(c => c.ConsentVersion).HasMaxLength(40);
            e.HasIndex(c => new { c.TenantId, c.CitizenId }).IsUnique();
            e.HasIndex(c => new { c.TenantId, c.Phone }).IsUnique();
            e.HasIndex(c => new { c.TenantId, c.UserId }).IsUnique();
        });
        modelBuilder.Entity<Attempt>(e =>
        {
            e.ToTable("Attempts");
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.State).HasConversion<string>().HasMaxLength(12);
            e.Property(a => a.GroupCode).HasMaxLength(20);
            e.Property(a => a.LimitScope).HasMaxLength(20);
            e.Property(a => a.Version).IsConcurrencyToken();
            e.HasIndex(a => new { a.TenantId, a.ContestId, a.ContestantId, a.LimitScope, a.Sequence }).IsUnique();

            // At most one attempt in progress per contestant and contest, whatever the race.
            e.HasIndex(a => new { a.TenantId, a.ContestId, a.ContestantId }).IsUnique().HasFilter("\"State\" = 'InProgress'").HasDatabaseName("IX_Attempts_OneInProgress");
            e.HasIndex(a => new { a.State, a.Deadline });
            e.HasOne<Contest>().WithMany().HasForeignKey(a => a.ContestId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Contestant>().WithMany().HasForeignKey(a => a.ContestantId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<AttemptItem>(e =>
        {
            e.ToTable("AttemptItems");
            e.Property(i => i.PublicId).HasMaxLength(24);
            e.HasIndex(i => new { i.AttemptId, i.Position }).IsUnique();
            e.HasIndex(i => new { i.AttemptId, i.PublicId }).IsUnique();
            e.HasOne<Attempt>().WithMany().HasForeignKey(i => i.AttemptId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<QuestionVersion>().WithMany().HasForeignKey(i => i.QuestionVersionId).OnDelete(DeleteBehavior.Restrict);
        });
        base.OnModelCreating(modelBuilder);
    }
}

/// <summary>SQLite flavour; owns the SQLite migrations.</summary>
public sealed class SqliteQuizDbContext(DbContextOptions<SqliteQuizDbContext> options)
    : QuizDbContext(options);

/// <summary>PostgreSQL flavour; owns the PostgreSQL migrations.</summary>
public sealed class PostgresQuizDbContext(DbContextOptions<PostgresQuizDbContext> options)
    : QuizDbContext(options);

internal sealed class SqliteQuizDesignFactory() : DesignTimeContextFactory<SqliteQuizDbContext>(DatabaseProvider.Sqlite, QuizDbContext.Module);

internal sealed class PostgresQuizDesignFactory() : DesignTimeContextFactory<PostgresQuizDbContext>(DatabaseProvider.Postgres, QuizDbContext.Module);

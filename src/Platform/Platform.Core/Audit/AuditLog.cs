using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Data;

namespace Platform.Core.Audit;

/// <summary>One prize-affecting action: who did what to which subject, when, with the value before and after.</summary>
public sealed class AuditEntry : ITenantOwned
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>When (UTC).</summary>
    public DateTime At { get; set; }

    /// <summary>Who: a user name, or <c>cli</c>/<c>system</c>.</summary>
    public string Actor { get; set; } = string.Empty;

    /// <summary>What, for example <c>results.approve</c> or <c>question.edit</c>.</summary>
    public string Action { get; set; } = string.Empty;

    /// <summary>On what, for example <c>contest:chuyen-doi-so-2023</c> or <c>question:Q001</c>.</summary>
    public string Subject { get; set; } = string.Empty;

    /// <summary>The value before, as text or JSON; null when none.</summary>
    public string? Before { get; set; }

    /// <summary>The value after, as text or JSON; null when none.</summary>
    public string? After { get; set; }
}

/// <summary>The audit table of each tenant.</summary>
public abstract class AuditDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    /// <summary>Schema and table prefix.</summary>
    public const string Module = "audit";

    /// <summary>Entries.</summary>
    public DbSet<AuditEntry> Entries => Set<AuditEntry>();

    /// <inheritdoc />
    protected override string ModuleName => Module;

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.ToTable("Entries");
            e.Property(a => a.Actor).HasMaxLength(256);
            e.Property(a => a.Action).HasMaxLength(60);
            e.Property(a => a.Subject).HasMaxLength(200);
            e.Property(a => a.Before).HasMaxLength(20000);
            e.Property(a => a.After).HasMaxLength(20000);
            e.HasIndex(a => new { a.TenantId, a.Subject, a.At });
            e.HasIndex(a => new { a.TenantId, a.At });
        });
        base.OnModelCreating(modelBuilder);
    }
}

/// <summary>SQLite flavour; owns the SQLite migrations.</summary>
public sealed class SqliteAuditDbContext(DbContextOptions<SqliteAuditDbContext> options)
    : AuditDbContext(options);

/// <summary>PostgreSQL flavour; owns the PostgreSQL migrations.</summary>
public sealed class PostgresAuditDbContext(DbContextOptions<PostgresAuditDbContext> options)
    : AuditDbContext(options);

internal sealed class SqliteAuditDesignFactory() : DesignTimeContextFactory<SqliteAuditDbContext>(DatabaseProvider.Sqlite, AuditDbContext.Module);

internal sealed class PostgresAuditDesignFactory() : DesignTimeContextFactory<PostgresAuditDbContext>(DatabaseProvider.Postgres, AuditDbContext.Module);

/// <summary>Writes and reads the current tenant's audit log. Entries are only ever added.</summary>
public sealed class AuditLog(AuditDbContext db, TimeProvider clock)
{
    /// <summary>The actor of a request: the signed-in user's name, else <paramref name="fallback"/>.</summary>
    public static string ActorOf(ClaimsPrincipal? user, string fallback = "system") =>
        user?.Identity?.IsAuthenticated == true && !string.IsNullOrEmpty(user.Identity.Name) ? user.Identity.Name : fallback;

    /// <summary>Records an action.</summary>
    public async Task WriteAsync(string actor, string action, string subject, string? before, string? after, CancellationToken cancellationToken)
    {
        db.Entries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            Actor = actor,
            Action = action,
            Subject = subject,
            Before = before,
            After = after,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The latest entries, newest first, optionally of subjects starting with <paramref name="subjectPrefix"/>.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? subjectPrefix, int take, CancellationToken cancellationToken)
    {
        var query = db.Entries.AsNoTracking();
        if (!string.IsNullOrEmpty(subjectPrefix))
        {
            query = query.Where(a => a.Subject.StartsWith(subjectPrefix));
        }

        return await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(take).ToListAsync(cancellationToken);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Core.Distributed;
using Platform.Core.Tenancy;
using Quiz.Data;

namespace Quiz.Attempts;

/// <summary>
/// Finalizes attempts whose deadline and grace have passed, with the answers saved before the deadline,
/// even when the contestant never comes back. With several nodes, one sweeps a tenant per round (a lock leased for the
/// round); finalizing is idempotent, so a sweep that runs twice when Redis is down does no harm.
/// </summary>
internal sealed class AttemptSweeper(TenantCatalog catalog, TenantScopeFactory scopes, IDistributedLock locks, TimeProvider clock, ILogger<AttemptSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var tenant in catalog.Current.Tenants.Where(t => t.State == TenantState.Running))
            {
                try
                {
                    // Not released: the lease runs out just before the next round, so one node sweeps a tenant per round.
                    if (await locks.TryAcquireAsync($"attempt-sweep:{tenant.Id}", Interval - TimeSpan.FromSeconds(1), stoppingToken) is not null)
                    {
                        await SweepAsync(tenant, stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Attempt sweep of {Tenant} failed; next round in {Interval}", tenant.Name, Interval);
                }
            }
        }
    }

    /// <summary>Finalizes the tenant's expired attempts; returns how many.</summary>
    public async Task<int> SweepAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = await db.Attempts.AsNoTracking()
            .Where(a => a.State == AttemptState.InProgress && a.Deadline < now)
            .Join(db.Contests, a => a.ContestId, c => c.Id, (a, c) => new { a.Id, a.Deadline, c.GraceSeconds })
            .ToListAsync(cancellationToken);
        var attempts = scope.ServiceProvider.GetRequiredService<AttemptService>();
        var count = 0;
        foreach (var attempt in expired.Where(a => a.Deadline.AddSeconds(a.GraceSeconds) < now))
        {
            await attempts.FinalizeAsync(attempt.Id, submitted: false, prediction: null, cancellationToken);
            count++;
        }

        if (count > 0)
        {
            logger.LogInformation("Finalized {Count} expired attempt(s) of {Tenant}", count, tenant.Name);
        }

        return count;
    }
}

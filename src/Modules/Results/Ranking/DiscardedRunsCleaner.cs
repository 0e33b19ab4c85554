using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Core.Data;
using Platform.Core.Tenancy;
using Results.Data;

namespace Results.Ranking;

/// <summary>
/// Deletes the ranked rows of discarded drafts in the background, so a recomputation does not wait for a million
/// deletions (about a second on SQLite). Discarded runs are never shown or exported, so their rows only take space
/// until this runs; rows left by a stop are deleted with the next discard of the same contest.
/// </summary>
public sealed partial class DiscardedRunsCleaner(TenantScopeFactory scopes, ILogger<DiscardedRunsCleaner> logger) : BackgroundService
{
    private readonly Channel<(TenantInfo Tenant, long ContestId)> _queue = Channel.CreateUnbounded<(TenantInfo, long)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Asks for the rows of a contest's discarded runs to be deleted.</summary>
    public void Enqueue(TenantInfo tenant, long contestId) => _queue.Writer.TryWrite((tenant, contestId));

    /// <summary>Deletes now (used by the queue, and by tests).</summary>
    public static async Task<int> CleanAsync(ResultsDbContext db, SqliteWriteTurns turns, long contestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(turns);
        var discarded = db.Runs.Where(r => r.ContestId == contestId && r.Status == ResultStatus.Discarded).Select(r => r.Id);
        using (await turns.EnterAsync(db, cancellationToken))
        {
            await db.UnitStandings.Where(u => discarded.Contains(u.RunId)).ExecuteDeleteAsync(cancellationToken);
            return await db.RankedEntries.Where(e => discarded.Contains(e.RunId)).ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (tenant, contestId) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateScope(tenant);
                var deleted = await CleanAsync(scope.ServiceProvider.GetRequiredService<ResultsDbContext>(), scope.ServiceProvider.GetRequiredService<SqliteWriteTurns>(), contestId, stoppingToken);
                LogCleaned(logger, tenant.Name, contestId, deleted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex, tenant.Name, contestId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Rows} ranked rows of discarded results of contest #{ContestId} in {Tenant}")]
    private static partial void LogCleaned(ILogger logger, string tenant, long contestId, int rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete discarded results of contest #{ContestId} in {Tenant}; they are deleted with the next discard")]
    private static partial void LogFailed(ILogger logger, Exception exception, string tenant, long contestId);
}

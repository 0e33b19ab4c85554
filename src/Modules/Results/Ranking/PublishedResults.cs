using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Results.Data;

namespace Results.Ranking;

/// <summary>A line of a published ranking as the public sees it: name and unit, never a personal identifier.</summary>
/// <param name="Rank">Rank in the group.</param>
/// <param name="DisplayName">Full name.</param>
/// <param name="UnitName">Unit.</param>
/// <param name="Score">Score.</param>
/// <param name="DurationSeconds">Time taken, seconds with milliseconds.</param>
/// <param name="Prize">Prize class, or null.</param>
public sealed record PublicRankLine(int Rank, string DisplayName, string UnitName, int Score, double DurationSeconds, string? Prize);

/// <summary>
/// Reads published results with a small in-memory cache. A published ranking never changes, so its pages are kept
/// (bounded); which run is published for a scope is re-read every few seconds, so another node's publication shows
/// within that time, and at once on the node that published.
/// </summary>
public sealed class PublishedResults : IDisposable
{
    /// <summary>Lines per page of a public ranking.</summary>
    public const int PageSize = 100;

    /// <summary>Most entries of published runs held for look-ups per node (about 72 bytes each, measured: ≈ 72 MB).</summary>
    public const int DirectoryLimit = 1_000_000;

    private static readonly TimeSpan RunLifetime = TimeSpan.FromSeconds(5);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 2_000 });
    private readonly MemoryCache _directories = new(new MemoryCacheOptions { SizeLimit = DirectoryLimit });
    private readonly ConcurrentDictionary<string, int> _generations = new(StringComparer.Ordinal);

    /// <summary>Drops what is cached of a tenant's published runs (after a publication on this node).</summary>
    public void Forget(string tenant) => _generations.AddOrUpdate(tenant, 1, (_, g) => g + 1);

    /// <summary>The published run of a scope, or null.</summary>
    public async Task<ResultRun?> RunAsync(ResultsDbContext db, string tenant, long contestId, int round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var key = $"{tenant}|{_generations.GetValueOrDefault(tenant)}|run|{contestId}|{round}";
        if (_cache.TryGetValue(key, out ResultRun? run))
        {
            return run;
        }

        run = await db.Runs.AsNoTracking().Where(r => r.ContestId == contestId && r.Round == round && r.Status == ResultStatus.Published)
            .OrderByDescending(r => r.PublishedAt).FirstOrDefaultAsync(cancellationToken);
        _cache.Set(key, run, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = RunLifetime });
        return run;
    }

    /// <summary>A page (from 1) of a published run's ranking in a group.</summary>
    public async Task<IReadOnlyList<PublicRankLine>> PageAsync(ResultsDbContext db, string tenant, long runId, string group, int page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var key = $"{tenant}|page|{runId}|{group}|{page}";
        if (_cache.TryGetValue(key, out IReadOnlyList<PublicRankLine>? lines) && lines is not null)
        {
            return lines;
        }

        var from = ((page - 1) * PageSize) + 1;
        lines = await db.RankedEntries.AsNoTracking()
            .Where(e => e.RunId == runId && e.GroupCode == group && e.Rank >= from && e.Rank < from + PageSize)
            .OrderBy(e => e.Rank)
            .Select(e => new PublicRankLine(e.Rank, e.DisplayName, e.UnitName, e.Score, e.DurationMs / 1000.0, e.Prize))
            .ToListAsync(cancellationToken);
        _cache.Set(key, lines, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return lines;
    }

    /// <summary>Prize winners of a published run, in ranking order.</summary>
    public async Task<IReadOnlyList<RankedEntry>> WinnersAsync(ResultsDbContext db, string tenant, long runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var key = $"{tenant}|winners|{runId}";
        if (_cache.TryGetValue(key, out IReadOnlyList<RankedEntry>? winners) && winners is not null)
        {
            return winners;
        }

        winners = await db.RankedEntries.AsNoTracking().Where(e => e.RunId == runId && e.Prize != null).OrderBy(e => e.Position).ToListAsync(cancellationToken);
        _cache.Set(key, winners, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return winners;
    }

    /// <summary>
    /// The names of a published run, for look-ups (<see cref="RunDirectory"/>): read once and shared by the look-ups of
    /// this node, kept while they go on. A run larger than <see cref="DirectoryLimit"/> is read for each look-up.
    /// </summary>
    public Task<RunDirectory> DirectoryAsync(ResultsDbContext db, string tenant, ResultRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(run);
        // Lazy: concurrent first look-ups wait for one read, which no single caller's cancellation stops. One that
        // failed (its first caller's request ended meanwhile) is read again.
        var key = $"{tenant}|{run.Id}";
        Task<RunDirectory> Loading() => _directories.GetOrCreate(key, entry =>
        {
            entry.Size = Math.Max(1, run.EntryCount);
            entry.SlidingExpiration = TimeSpan.FromMinutes(30);
            return new Lazy<Task<RunDirectory>>(() => RunDirectory.LoadAsync(db, run.Id, run.EntryCount, CancellationToken.None));
        })!.Value;
        var loading = Loading();
        if (loading.IsFaulted)
        {
            _directories.Remove(key);
            loading = Loading();
        }

        return loading.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _cache.Dispose();
        _directories.Dispose();
    }
}

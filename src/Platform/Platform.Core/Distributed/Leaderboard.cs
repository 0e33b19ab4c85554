using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Platform.Core.Distributed;

/// <summary>A line of a live leaderboard: the member and its composite score.</summary>
/// <param name="Member">Who (for example a contestant id).</param>
/// <param name="Score">The composite score (higher is better).</param>
public sealed record LeaderboardEntry(string Member, long Score);

/// <summary>
/// Live, provisional leaderboards (one per contest and group): each member keeps its best composite score. With Redis
/// they are sorted sets shared by every node; without it, in memory on the node. They are a view, never the record:
/// the owner rebuilds a missing board from the database (<see cref="ExistsAsync"/>), and results come from the database.
/// </summary>
public interface ILeaderboard
{
    /// <summary>Raises <paramref name="member"/>'s score to <paramref name="score"/> when it is higher (never lowers it).</summary>
    Task OfferAsync(string board, string member, long score, CancellationToken cancellationToken);

    /// <summary>The best <paramref name="count"/> members, best first (equal scores: member order).</summary>
    Task<IReadOnlyList<LeaderboardEntry>> TopAsync(string board, int count, CancellationToken cancellationToken);

    /// <summary>Whether the board exists (false after a Redis restart or before the first entry).</summary>
    Task<bool> ExistsAsync(string board, CancellationToken cancellationToken);

    /// <summary>Replaces the whole board (a rebuild from the database).</summary>
    Task ReplaceAsync(string board, IReadOnlyList<LeaderboardEntry> entries, CancellationToken cancellationToken);
}

/// <summary>The composite score of a quiz ranking in 53 bits: score first, then less time.</summary>
public static class LeaderboardScore
{
    /// <summary>Bits for the time; 2^33 ms is about 99 days, far beyond any attempt.</summary>
    public const int TimeBits = 33;

    /// <summary>Highest score that fits (2^20 − 1; 53 − 33 bits).</summary>
    public const int MaxScore = (1 << 20) - 1;

    /// <summary>Score descending, then duration ascending, as one number that a double holds exactly.</summary>
    public static long Of(int score, long durationMs)
    {
        var time = Math.Clamp(durationMs, 0, (1L << TimeBits) - 1);
        return ((long)Math.Clamp(score, 0, MaxScore) << TimeBits) | ((1L << TimeBits) - 1 - time);
    }

    /// <summary>The score part.</summary>
    public static int ScoreOf(long composite) => (int)(composite >> TimeBits);

    /// <summary>The duration part, in milliseconds.</summary>
    public static long DurationOf(long composite) => (1L << TimeBits) - 1 - (composite & ((1L << TimeBits) - 1));
}

/// <summary>Boards of a single node.</summary>
public sealed class InProcessLeaderboard : ILeaderboard
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, long>> _boards = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task OfferAsync(string board, string member, long score, CancellationToken cancellationToken)
    {
        _boards.GetOrAdd(board, _ => new(StringComparer.Ordinal)).AddOrUpdate(member, score, (_, old) => Math.Max(old, score));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LeaderboardEntry>> TopAsync(string board, int count, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LeaderboardEntry>>(_boards.TryGetValue(board, out var entries)
            ? entries.Select(e => new LeaderboardEntry(e.Key, e.Value)).OrderByDescending(e => e.Score).ThenByDescending(e => e.Member, StringComparer.Ordinal).Take(count).ToList()
            : []);

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string board, CancellationToken cancellationToken) => Task.FromResult(_boards.ContainsKey(board));

    /// <inheritdoc />
    public Task ReplaceAsync(string board, IReadOnlyList<LeaderboardEntry> entries, CancellationToken cancellationToken)
    {
        _boards[board] = new ConcurrentDictionary<string, long>(entries.Select(e => KeyValuePair.Create(e.Member, e.Score)), StringComparer.Ordinal);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Boards as Redis sorted sets (<c>ZADD … GT</c>, so concurrent offers from several nodes keep the best). When Redis
/// cannot be reached the node's in-memory boards serve (logged); the owner rebuilds from the database when a board
/// is missing, so nothing is lost.
/// </summary>
public sealed class RedisLeaderboard(RedisConnection redis, InProcessLeaderboard local, ILogger<RedisLeaderboard> logger) : ILeaderboard
{
    /// <inheritdoc />
    public Task OfferAsync(string board, string member, long score, CancellationToken cancellationToken) =>
        WithRedisAsync(
            async db => { await db.SortedSetAddAsync(Key(board), member, score, SortedSetWhen.GreaterThan); return true; },
            async () => { await local.OfferAsync(board, member, score, cancellationToken); return true; });

    /// <inheritdoc />
    public Task<IReadOnlyList<LeaderboardEntry>> TopAsync(string board, int count, CancellationToken cancellationToken) =>
        WithRedisAsync(
            async db => (IReadOnlyList<LeaderboardEntry>)(await db.SortedSetRangeByRankWithScoresAsync(Key(board), 0, count - 1, Order.Descending))
                .Select(e => new LeaderboardEntry(e.Element.ToString(), (long)e.Score)).ToList(),
            () => local.TopAsync(board, count, cancellationToken));

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string board, CancellationToken cancellationToken) =>
        WithRedisAsync(db => db.KeyExistsAsync(Key(board)), () => local.ExistsAsync(board, cancellationToken));

    /// <inheritdoc />
    public Task ReplaceAsync(string board, IReadOnlyList<LeaderboardEntry> entries, CancellationToken cancellationToken) =>
        WithRedisAsync(
            async db =>
            {
                // Built under a temporary key and renamed, so readers never see half a board.
                var building = (RedisKey)(Key(board) + ":rebuild:" + Guid.NewGuid().ToString("N"));
                foreach (var chunk in entries.Chunk(1000))
                {
                    await db.SortedSetAddAsync(building, chunk.Select(e => new SortedSetEntry(e.Member, e.Score)).ToArray());
                }

                if (entries.Count == 0)
                {
                    await db.KeyDeleteAsync(Key(board));
                    return true;
                }

                await db.KeyRenameAsync(building, Key(board));
                return true;
            },
            async () => { await local.ReplaceAsync(board, entries, cancellationToken); return true; });

    private string Key(string board) => redis.Prefix + "lb:" + board;

    private async Task<T> WithRedisAsync<T>(Func<IDatabase, Task<T>> onRedis, Func<Task<T>> onLocal)
    {
        try
        {
            var connection = await redis.GetAsync() ?? throw new InvalidOperationException("Redis is not configured.");
            if (!connection.IsConnected)
            {
                return await onLocal();
            }

            return await onRedis(connection.GetDatabase());
        }
        catch (Exception e) when (e is RedisException or TimeoutException or InvalidOperationException)
        {
            logger.LogWarning(e, "Redis unavailable: leaderboard served from this node.");
            return await onLocal();
        }
    }
}

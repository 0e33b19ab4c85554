using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Platform.Core.Distributed;

/// <summary>
/// Counts permits in fixed windows (aligned on the Unix epoch, so every node agrees on where a window starts): a key
/// gets <c>permitsPerWindow</c> permits in each window and is refused the rest. With Redis the count is the
/// deployment's; without it (or while Redis is down) it is this node's.
/// </summary>
public interface IRateLimitCounter
{
    /// <summary>Takes one permit of <paramref name="key"/> in the current window; false when they are used up.</summary>
    Task<bool> TryTakeAsync(string key, int permitsPerWindow, TimeSpan window, CancellationToken cancellationToken);
}

/// <summary>Fixed windows of a single node; windows that ended are dropped as the counter is used.</summary>
public sealed class InProcessRateLimitCounter(TimeProvider clock) : IRateLimitCounter
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<(string Key, long WindowTicks), Bucket> _buckets = new();
    private long _nextSweepTicks;

    /// <summary>Number of keys with a window held in memory (for tests).</summary>
    public int Count => _buckets.Count;

    /// <inheritdoc />
    public Task<bool> TryTakeAsync(string key, int permitsPerWindow, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        var now = clock.GetUtcNow();
        Sweep(now);
        var number = WindowNumber(now, window);
        while (true)
        {
            var bucket = _buckets.GetOrAdd((key, window.Ticks), static (_, n) => new Bucket { Number = n }, number);
            lock (bucket)
            {
                if (bucket.Removed)
                {
                    continue; // swept meanwhile: take a fresh one
                }

                if (bucket.Number != number)
                {
                    bucket.Number = number;
                    bucket.Count = 0;
                }

                if (bucket.Count >= permitsPerWindow)
                {
                    return Task.FromResult(false);
                }

                bucket.Count++;
                return Task.FromResult(true);
            }
        }
    }

    /// <summary>The number of the fixed window <paramref name="now"/> is in.</summary>
    public static long WindowNumber(DateTimeOffset now, TimeSpan window) => (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / window.Ticks;

    private void Sweep(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, now.UtcTicks + SweepInterval.Ticks, next) != next)
        {
            return;
        }

        foreach (var (id, bucket) in _buckets)
        {
            lock (bucket)
            {
                if (bucket.Number < WindowNumber(now, TimeSpan.FromTicks(id.WindowTicks)))
                {
                    bucket.Removed = true;
                    _buckets.TryRemove(new KeyValuePair<(string, long), Bucket>(id, bucket));
                }
            }
        }
    }

    private sealed class Bucket
    {
        public long Number { get; set; }

        public int Count { get; set; }

        public bool Removed { get; set; }
    }
}

/// <summary>
/// Fixed windows in Redis: <c>INCR {prefix}rl:{key}:{window number}</c>, with <c>PEXPIRE</c> set by the first
/// increment, in one script (one round trip). When Redis cannot be reached the count falls back to this node's
/// counter (logged once per outage): limits then hold per node, and a request is never failed for it.
/// </summary>
public sealed class RedisRateLimitCounter(RedisConnection redis, InProcessRateLimitCounter local, TimeProvider clock, ILogger<RedisRateLimitCounter> logger) : IRateLimitCounter
{
    private const string TakeScript = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return n
        """;

    private int _degraded;

    /// <inheritdoc />
    public async Task<bool> TryTakeAsync(string key, int permitsPerWindow, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        try
        {
            var connection = await redis.GetAsync() ?? throw new InvalidOperationException("Redis is not configured.");
            if (!connection.IsConnected)
            {
                // Rather than waiting in the multiplexer's backlog for every request while Redis is away.
                throw new InvalidOperationException("Redis is not connected.");
            }

            var number = InProcessRateLimitCounter.WindowNumber(clock.GetUtcNow(), window);
            var redisKey = (RedisKey)$"{redis.Prefix}rl:{key}:{number}";
            var count = (long)await connection.GetDatabase().ScriptEvaluateAsync(TakeScript, [redisKey], [(long)Math.Ceiling(window.TotalMilliseconds)]);
            if (Interlocked.Exchange(ref _degraded, 0) == 1)
            {
                logger.LogInformation("Redis reachable again: rate limits are counted across the nodes again.");
            }

            return count <= permitsPerWindow;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or InvalidOperationException)
        {
            if (Interlocked.Exchange(ref _degraded, 1) == 0)
            {
                logger.LogWarning(e, "Redis unavailable: rate limits are counted on this node only until it returns.");
            }

            return await local.TryTakeAsync(key, permitsPerWindow, window, cancellationToken);
        }
    }
}

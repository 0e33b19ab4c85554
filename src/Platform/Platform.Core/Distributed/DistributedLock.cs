using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Platform.Core.Distributed;

/// <summary>
/// A lock held by one node of the deployment at a time, for jobs that must run once (result computation, sweepers,
/// setup). A lease bounds it: a node that dies holding it frees it when the lease runs out.
/// </summary>
public interface IDistributedLock
{
    /// <summary>The lock, or null when another holder has it; dispose to release.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan lease, CancellationToken cancellationToken);
}

/// <summary>Waiting for a lock rather than giving up when it is held.</summary>
public static class DistributedLockExtensions
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The lock, once its holder has released it (or its lease ran out); polls every quarter second.
    /// </summary>
    /// <exception cref="TimeoutException">Still held by another after <paramref name="wait"/>.</exception>
    public static async Task<IAsyncDisposable> AcquireAsync(this IDistributedLock locks, string name, TimeSpan lease, TimeSpan wait, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(locks);
        ArgumentNullException.ThrowIfNull(clock);
        var until = clock.GetUtcNow() + wait;
        while (true)
        {
            if (await locks.TryAcquireAsync(name, lease, cancellationToken) is { } held)
            {
                return held;
            }

            if (clock.GetUtcNow() >= until)
            {
                throw new TimeoutException($"Lock '{name}' is still held elsewhere after {wait.TotalSeconds:0} s.");
            }

            await Task.Delay(Poll, clock, cancellationToken);
        }
    }
}

/// <summary>Locks of a single node.</summary>
public sealed class InProcessLock(TimeProvider clock) : IDistributedLock
{
    private readonly ConcurrentDictionary<string, (Guid Token, DateTimeOffset Until)> _held = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan lease, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        var now = clock.GetUtcNow();
        var entry = _held.AddOrUpdate(name, _ => (token, now + lease), (_, held) => held.Until <= now ? (token, now + lease) : held);
        return Task.FromResult<IAsyncDisposable?>(entry.Token == token ? new Release(() => _held.TryRemove(new KeyValuePair<string, (Guid, DateTimeOffset)>(name, entry))) : null);
    }

    private sealed class Release(Func<bool> release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            release();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>
/// Locks in Redis (<c>SET key token NX PX lease</c>; released only by the holder's token). When Redis cannot be
/// reached the lock falls back to this node's locks (logged): a job may then run once per node, never zero times.
/// </summary>
public sealed class RedisLock(RedisConnection redis, InProcessLock local, ILogger<RedisLock> logger) : IDistributedLock
{
    private const string ReleaseScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    /// <inheritdoc />
    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan lease, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await redis.GetAsync() ?? throw new InvalidOperationException("Redis is not configured.");
            var database = connection.GetDatabase();
            var key = (RedisKey)(redis.Prefix + "lock:" + name);
            var token = Guid.NewGuid().ToString("N");
            return await database.StringSetAsync(key, token, lease, When.NotExists)
                ? new Release(database, key, token, logger)
                : null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or InvalidOperationException)
        {
            logger.LogWarning(e, "Redis unavailable: lock {Lock} taken on this node only.", name);
            return await local.TryAcquireAsync(name, lease, cancellationToken);
        }
    }

    private sealed class Release(IDatabase database, RedisKey key, string token, ILogger logger) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await database.ScriptEvaluateAsync(ReleaseScript, [key], [token]);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                logger.LogWarning(e, "Redis unavailable: lock {Key} is freed when its lease runs out.", (string?)key);
            }
        }
    }
}

using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Core.Observability;
using Platform.Core.Tenancy;
using StackExchange.Redis;

namespace Platform.Core.Distributed;

/// <summary>
/// The deployment's <see cref="IDistributedCache"/> when Redis is configured: entries live in Redis under the node's
/// prefix (<c>{prefix}cache:</c>), so every node reads what one node stored. While Redis cannot be reached, entries are
/// read from and written to this node's memory instead (logged once per outage), and Redis is used again as soon as it
/// answers: a cache outage costs recomputation, never an error.
/// </summary>
public sealed class RedisDistributedCache : IDistributedCache, IDisposable
{
    private readonly RedisCache _redis;
    private readonly MemoryDistributedCache _local = new(Options.Create(new MemoryDistributedCacheOptions()));
    private readonly RedisConnection _connection;
    private readonly ILogger<RedisDistributedCache> _logger;
    private int _down;

    /// <summary>The cache on the node's Redis connection.</summary>
    public RedisDistributedCache(RedisConnection redis, ILogger<RedisDistributedCache> logger)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _connection = redis;
        _logger = logger;
        _redis = new RedisCache(Options.Create(new RedisCacheOptions
        {
            InstanceName = redis.Prefix + "cache:",
            ConnectionMultiplexerFactory = async () => await redis.GetAsync() ?? throw new InvalidOperationException("Redis is not configured."),
        }));
    }

    /// <inheritdoc />
    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    /// <inheritdoc />
    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        UseAsync(() => _redis.GetAsync(key, token), () => _local.GetAsync(key, token));

    /// <inheritdoc />
    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    /// <inheritdoc />
    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        UseAsync(() => _redis.SetAsync(key, value, options, token), () => _local.SetAsync(key, value, options, token));

    /// <inheritdoc />
    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    /// <inheritdoc />
    public Task RefreshAsync(string key, CancellationToken token = default) =>
        UseAsync(() => _redis.RefreshAsync(key, token), () => _local.RefreshAsync(key, token));

    /// <inheritdoc />
    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    /// <inheritdoc />
    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        // Also here: what was stored locally during an outage must not outlive its removal.
        await _local.RemoveAsync(key, token);
        await UseAsync(() => _redis.RemoveAsync(key, token), () => Task.CompletedTask);
    }

    /// <inheritdoc />
    public void Dispose() => _redis.Dispose(); // at the node's end, as the connection it shares

    private async Task UseAsync(Func<Task> redis, Func<Task> local) =>
        await UseAsync<bool>(async () => { await redis(); return true; }, async () => { await local(); return true; });

    private async Task<T> UseAsync<T>(Func<Task<T>> redis, Func<Task<T>> local)
    {
        Exception? failure = null;
        try
        {
            // Not connected: straight to this node, rather than waiting for a command to time out.
            if ((await _connection.GetAsync())?.IsConnected == true)
            {
                var result = await redis();
                if (Interlocked.Exchange(ref _down, 0) == 1)
                {
                    _logger.LogInformation("Redis answers again: the shared cache is back in Redis.");
                }

                return result;
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException or InvalidOperationException)
        {
            failure = e;
        }

        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            _logger.LogWarning(failure, "Redis unavailable: the shared cache is kept in this node's memory until it returns.");
        }

        return await local();
    }
}

/// <summary>
/// Values that are expensive to compute and the same for every visitor (public statistics over a whole contest),
/// computed once per lifetime for the whole deployment: stored as JSON in <see cref="IDistributedCache"/> under the
/// tenant's key, and filled by one node at a time (the others wait for that result rather than computing it too).
/// </summary>
public sealed class SharedCache(IDistributedCache cache, IDistributedLock locks, TimeProvider clock, ILogger<SharedCache> logger)
{
    /// <summary>How long other callers wait for a value being computed elsewhere before computing it themselves.</summary>
    public static readonly TimeSpan FillWait = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>The cached value of <paramref name="name"/> in the tenant, or the one <paramref name="create"/> makes and stores for <paramref name="lifetime"/>.</summary>
    public async Task<T> GetOrCreateAsync<T>(TenantInfo tenant, string name, TimeSpan lifetime, Func<CancellationToken, Task<T>> create, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(create);
        var key = Key(tenant, name);
        if (await ReadAsync<T>(key, cancellationToken) is { } hit)
        {
            PlatformMetrics.SharedCacheHits.Add(1, PlatformMetrics.Tenant(tenant.Name));
            return hit;
        }

        await using var filling = await locks.TryAcquireAsync("cache-fill:" + key, FillWait, cancellationToken);
        var until = clock.GetUtcNow() + FillWait;
        while (filling is null && clock.GetUtcNow() < until)
        {
            await Task.Delay(Poll, clock, cancellationToken);
            if (await ReadAsync<T>(key, cancellationToken) is { } filled)
            {
                PlatformMetrics.SharedCacheHits.Add(1, PlatformMetrics.Tenant(tenant.Name));
                return filled;
            }
        }

        // Holding the turn: another holder may have stored it just before this one took the turn.
        if (filling is not null && await ReadAsync<T>(key, cancellationToken) is { } stored)
        {
            PlatformMetrics.SharedCacheHits.Add(1, PlatformMetrics.Tenant(tenant.Name));
            return stored;
        }

        PlatformMetrics.SharedCacheMisses.Add(1, PlatformMetrics.Tenant(tenant.Name));
        var value = await create(cancellationToken);
        await cache.SetAsync(key, JsonSerializer.SerializeToUtf8Bytes(value), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime }, cancellationToken);
        return value;
    }

    /// <summary>Drops the value of <paramref name="name"/> in the tenant on every node.</summary>
    public Task RemoveAsync(TenantInfo tenant, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return cache.RemoveAsync(Key(tenant, name), cancellationToken);
    }

    private static string Key(TenantInfo tenant, string name) => $"{tenant.Id}:{name}";

    private async Task<T?> ReadAsync<T>(string key, CancellationToken cancellationToken)
        where T : class
    {
        var bytes = await cache.GetAsync(key, cancellationToken);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(bytes);
        }
        catch (JsonException e)
        {
            // Stored by an older version of the platform with another shape: computed again.
            logger.LogWarning(e, "Shared cache entry {Key} is unreadable; computing it again.", key);
            return null;
        }
    }
}

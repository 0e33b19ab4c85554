using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Platform.Core.Distributed;

/// <summary>
/// The node's one connection to Redis when <c>Platform:Redis:Configuration</c> is set. It connects lazily and keeps
/// reconnecting in the background (a Redis that is down at start or goes away later never stops the site); every key
/// and channel is prefixed with <see cref="Prefix"/> so that environments sharing a Redis stay apart.
/// </summary>
public sealed class RedisConnection(IOptions<PlatformOptions> options, IHostEnvironment environment, ILogger<RedisConnection> logger) : IDisposable
{
    private readonly SemaphoreSlim _connect = new(1, 1);
    private ConnectionMultiplexer? _connection;

    /// <summary>Whether Redis is configured at all.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.Redis.Configuration);

    /// <summary>Prefix of every key and channel: <c>platform:{environment}:</c> unless configured.</summary>
    public string Prefix => options.Value.Redis.KeyPrefix ?? $"platform:{environment.EnvironmentName.ToLowerInvariant()}:";

    /// <summary>The connection (possibly not connected yet), or null when Redis is not configured.</summary>
    public async Task<IConnectionMultiplexer?> GetAsync()
    {
        if (!IsConfigured)
        {
            return null;
        }

        if (_connection is not null)
        {
            return _connection;
        }

        await _connect.WaitAsync();
        try
        {
            if (_connection is null)
            {
                var settings = ConfigurationOptions.Parse(options.Value.Redis.Configuration!);
                settings.AbortOnConnectFail = false;
                settings.ConnectTimeout = 2000;
                settings.SyncTimeout = 2000;
                settings.AsyncTimeout = 2000;
                _connection = await ConnectionMultiplexer.ConnectAsync(settings);
                _connection.ConnectionFailed += (_, e) => logger.LogWarning("Redis connection lost ({Failure}); serving from the database and local caches until it returns.", e.FailureType);
                _connection.ConnectionRestored += (_, _) => logger.LogInformation("Redis connection restored.");
            }

            return _connection;
        }
        finally
        {
            _connect.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _connection?.Dispose();
        _connect.Dispose();
    }
}

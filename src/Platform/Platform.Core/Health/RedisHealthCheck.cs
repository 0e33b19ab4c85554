using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Platform.Core.Health;

/// <summary>Ready only when Redis answers, if Redis is configured (<c>Platform:Redis:Configuration</c>).</summary>
internal sealed class RedisHealthCheck(IOptions<PlatformOptions> options) : IHealthCheck, IDisposable
{
    private readonly SemaphoreSlim _connect = new(1, 1);
    private ConnectionMultiplexer? _connection;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var configuration = options.Value.Redis.Configuration;
        if (string.IsNullOrWhiteSpace(configuration))
        {
            return HealthCheckResult.Healthy("Redis is not configured.");
        }

        try
        {
            var connection = await ConnectAsync(configuration);
            var latency = await connection.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.#} ms.");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer.", ex);
        }
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _connect.Dispose();
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(string configuration)
    {
        if (_connection is not null)
        {
            return _connection;
        }

        await _connect.WaitAsync();
        try
        {
            var settings = ConfigurationOptions.Parse(configuration);
            settings.AbortOnConnectFail = false; // keep trying in the background; the site degrades, never stops
            settings.ConnectTimeout = 2000;
            return _connection ??= await ConnectionMultiplexer.ConnectAsync(settings);
        }
        finally
        {
            _connect.Release();
        }
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Core.Distributed;
using StackExchange.Redis;

namespace Platform.Core.Health;

/// <summary>Ready only when Redis answers, if Redis is configured (<c>Platform:Redis:Configuration</c>).</summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConfigured)
        {
            return HealthCheckResult.Healthy("Redis is not configured.");
        }

        try
        {
            var connection = await redis.GetAsync();
            var latency = await connection!.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.#} ms.");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer.", ex);
        }
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Core.Distributed;
using StackExchange.Redis;

namespace Platform.Core.Health;

/// <summary>
/// Reports Redis when it is configured (<c>Platform:Redis:Configuration</c>): healthy when it answers, degraded when it
/// does not, never unhealthy — the site keeps serving from the database and local caches, so a load balancer checking
/// <c>/health/ready</c> must not take nodes out because of Redis.
/// </summary>
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
            if (!connection!.IsConnected)
            {
                // Known down: answer at once rather than wait out a ping's timeout (load balancers check often).
                return HealthCheckResult.Degraded("Redis is not connected; serving from the database and local caches.");
            }

            var latency = await connection.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.#} ms.");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Degraded("Redis does not answer; serving from the database and local caches.", ex);
        }
    }
}

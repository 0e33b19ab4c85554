using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Core.Distributed;
using Platform.Core.Tenancy;

namespace Platform.Core.Http;

/// <summary>Limits of the rate limiter, per client address and tenant, per minute.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Sign-in attempts per minute.</summary>
    public int SignInPerMinute { get; set; } = 30;

    /// <summary>Registrations per minute.</summary>
    public int RegisterPerMinute { get; set; } = 10;

    /// <summary>Attempt starts per minute: a client starting in a loop is refused, a room of contestants behind one address (an office, a school, a mobile carrier's NAT) is not.</summary>
    public int AttemptStartsPerMinute { get; set; } = 60;
}

/// <summary>
/// Named rate-limit policies; refusals are problem+json with the code <c>rate-limited</c>. Each policy counts fixed
/// one-minute windows per policy, tenant and client address in the <see cref="IRateLimitCounter"/>: with Redis the
/// limit holds across every node of the deployment, without it (or while it is down) per node.
/// </summary>
public static class RateLimits
{
    /// <summary>Policy of sign-in endpoints.</summary>
    public const string SignIn = "sign-in";

    /// <summary>Policy of registration.</summary>
    public const string Register = "register";

    /// <summary>Policy of starting an attempt.</summary>
    public const string AttemptStart = "attempt-start";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    internal static IServiceCollection AddPlatformRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration("Platform:RateLimits");
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(SignIn, http => Partition(http, SignIn, Limits(http).SignInPerMinute));
            o.AddPolicy(Register, http => Partition(http, Register, Limits(http).RegisterPerMinute));
            o.AddPolicy(AttemptStart, http => Partition(http, AttemptStart, Limits(http).AttemptStartsPerMinute));
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Problems.Create("rate-limited", StatusCodes.Status429TooManyRequests, "Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    private static RateLimitOptions Limits(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static RateLimitPartition<string> Partition(HttpContext http, string policy, int perMinute)
    {
        var tenant = http.RequestServices.GetRequiredService<ITenantContext>().TenantId;
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var counter = http.RequestServices.GetRequiredService<IRateLimitCounter>();
        return RateLimitPartition.Get($"{policy}|{tenant}|{client}", key => new CounterLimiter(counter, key, perMinute, Window));
    }

    /// <summary>
    /// The limiter of one partition: a view on the shared counter, holding no count itself (the middleware keeps it
    /// while it is used and drops it when idle). The synchronous attempt always defers to the asynchronous one, which
    /// the middleware then calls, so a request takes exactly one permit.
    /// </summary>
    private sealed class CounterLimiter(IRateLimitCounter counter, string key, int permits, TimeSpan window) : RateLimiter
    {
        private long _lastUsed = Environment.TickCount64;

        public override TimeSpan? IdleDuration => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastUsed));

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => permitCount == 0 ? Lease.Acquired : Lease.Deferred;

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);
            if (permitCount == 0)
            {
                return Lease.Acquired;
            }

            return permitCount == 1 && await counter.TryTakeAsync(key, permits, window, cancellationToken) ? Lease.Acquired : Lease.Refused;
        }
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true);
        public static readonly Lease Refused = new(false);
        public static readonly Lease Deferred = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}

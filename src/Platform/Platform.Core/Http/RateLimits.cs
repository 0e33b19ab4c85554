using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Core.Tenancy;

namespace Platform.Core.Http;

/// <summary>Limits of the rate limiter, per client address and tenant, per minute.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Sign-in attempts per minute.</summary>
    public int SignInPerMinute { get; set; } = 30;

    /// <summary>Registrations per minute.</summary>
    public int RegisterPerMinute { get; set; } = 10;
}

/// <summary>Named rate-limit policies; refusals are problem+json with the code <c>rate-limited</c>.</summary>
public static class RateLimits
{
    /// <summary>Policy of sign-in endpoints.</summary>
    public const string SignIn = "sign-in";

    /// <summary>Policy of registration.</summary>
    public const string Register = "register";

    internal static IServiceCollection AddPlatformRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration("Platform:RateLimits");
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(SignIn, http => Partition(http, SignIn, http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.SignInPerMinute));
            o.AddPolicy(Register, http => Partition(http, Register, http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.RegisterPerMinute));
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Problems.Create("rate-limited", StatusCodes.Status429TooManyRequests, "Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext http, string policy, int perMinute)
    {
        var tenant = http.RequestServices.GetRequiredService<ITenantContext>().TenantId;
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter($"{policy}|{tenant}|{client}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }
}

using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.Core.Observability;

/// <summary>
/// The platform's own metrics (meter <see cref="MeterName"/>), every one tagged with the tenant: attempts started and
/// finished, answer-save latency, public-page cache hits and misses. Exported with ASP.NET Core's and the runtime's
/// through OpenTelemetry when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard OpenTelemetry variables apply).
/// </summary>
public static class PlatformMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "ContestPlatform";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Attempts started (new ones, not resumed).</summary>
    public static readonly Counter<long> AttemptsStarted = Meter.CreateCounter<long>("contest.attempts.started", "{attempt}", "Attempts started");

    /// <summary>Attempts made final, tagged <c>outcome</c> = submitted or expired.</summary>
    public static readonly Counter<long> AttemptsFinished = Meter.CreateCounter<long>("contest.attempts.finished", "{attempt}", "Attempts submitted or expired");

    /// <summary>Time to save one answer durably, in milliseconds.</summary>
    public static readonly Histogram<double> AnswerSaveDuration = Meter.CreateHistogram<double>("contest.answers.save.duration", "ms", "Time to save an answer");

    /// <summary>Attempt writes (starts, answers) committed together in one transaction (group commit).</summary>
    public static readonly Histogram<int> WriteBatchSize = Meter.CreateHistogram<int>("contest.writes.batch", "{write}", "Attempt writes committed in one transaction");

    /// <summary>Public pages served from the output cache.</summary>
    public static readonly Counter<long> PageCacheHits = Meter.CreateCounter<long>("contest.page_cache.hits", "{page}", "Public pages served from the cache");

    /// <summary>Public pages rendered because the cache did not have them (anonymous visitors only).</summary>
    public static readonly Counter<long> PageCacheMisses = Meter.CreateCounter<long>("contest.page_cache.misses", "{page}", "Public pages rendered for the cache");

    /// <summary>Shared values (such as public statistics) read from the deployment's cache.</summary>
    public static readonly Counter<long> SharedCacheHits = Meter.CreateCounter<long>("contest.shared_cache.hits", "{value}", "Shared values read from the cache");

    /// <summary>Shared values computed because the cache did not have them.</summary>
    public static readonly Counter<long> SharedCacheMisses = Meter.CreateCounter<long>("contest.shared_cache.misses", "{value}", "Shared values computed for the cache");

    /// <summary>The tenant tag.</summary>
    public static KeyValuePair<string, object?> Tenant(string tenant) => new("tenant", tenant);

    /// <summary>Adds OpenTelemetry metrics and traces; exported over OTLP when an endpoint is configured.</summary>
    internal static void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("contest-platform"))
            .WithMetrics(m => m.AddMeter(MeterName).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation())
            .WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health")));
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
    }
}

using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Platform.Core.Observability;

namespace Quiz.Attempts;

/// <summary>Options of <see cref="StartAdmission"/> (<c>Platform:Admission</c>).</summary>
public sealed class AdmissionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Platform:Admission";

    /// <summary>Attempt starts being created at once on this node.</summary>
    public int ConcurrentStarts { get; set; } = 8;

    /// <summary>Starts waiting their turn (first come, first served) before new ones are asked to come back.</summary>
    public int QueueLimit { get; set; } = 2000;

    /// <summary>Seconds a start that finds the queue full is told to wait before trying again.</summary>
    public int RetryAfterSeconds { get; set; } = 3;
}

/// <summary>
/// Admits attempt starts at the pace the database sustains when thousands press "Vào thi" in the same second: a few
/// starts are created at once, the others wait in a first-come queue (held requests, no error), and only when the queue
/// is full is a start answered 503 <c>queued</c> with <c>Retry-After</c>, which the contest page shows as "đang xếp hàng"
/// and retries by itself. Per node; the queue length is the metric <c>contest.admission.queued</c>.
/// </summary>
public sealed class StartAdmission : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;

    /// <summary>Creates the limiter from the options.</summary>
    public StartAdmission(IOptions<AdmissionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Math.Max(1, Options.ConcurrentStarts),
            QueueLimit = Math.Max(0, Options.QueueLimit),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        Queued = new Meter(PlatformMetrics.MeterName).CreateObservableGauge("contest.admission.queued", () => Waiting, "{start}", "Attempt starts waiting for their turn on this node");
    }

    /// <summary>The options in force.</summary>
    public AdmissionOptions Options { get; }

    /// <summary>Starts waiting now.</summary>
    public long Waiting => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    private ObservableGauge<long> Queued { get; }

    /// <summary>Waits for a turn; the lease is not acquired when the queue is full. Dispose it when the start is done.</summary>
    public ValueTask<RateLimitLease> EnterAsync(CancellationToken cancellationToken) => _limiter.AcquireAsync(1, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _limiter.Dispose();
        Queued.Meter.Dispose();
    }
}

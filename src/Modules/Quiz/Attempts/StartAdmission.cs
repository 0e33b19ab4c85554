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

    /// <summary>
    /// Attempt starts being created at once on this node; by default one per core. A start is CPU work on the node and
    /// the database, so more at once than cores only makes the answer saves of those already in their attempt wait
    /// longer, without starting anyone sooner (docs/benchmarks.md, "Where the deadline's slow saves come from").
    /// </summary>
    public int ConcurrentStarts { get; set; } = Environment.ProcessorCount;

    /// <summary>Starts waiting their turn (first come, first served) before new ones are asked to come back.</summary>
    public int QueueLimit { get; set; } = 2000;

    /// <summary>
    /// Seconds a start may wait in the queue before it is asked to come back: a phone on a weak network gives up on a
    /// request long before the server would, and a start it no longer waits for is a turn wasted.
    /// </summary>
    public int MaxWaitSeconds { get; set; } = 10;

    /// <summary>Seconds a start that finds the queue full, or waited its longest, is told to wait before trying again.</summary>
    public int RetryAfterSeconds { get; set; } = 3;
}

/// <summary>
/// Admits attempt starts at the pace the database sustains when thousands press "Vào thi" in the same second: a few
/// starts are created at once, the others wait in a first-come queue (held requests, no error), and only when the queue
/// is full, or a start has waited <see cref="AdmissionOptions.MaxWaitSeconds"/>, is it answered 503 <c>queued</c> with
/// <c>Retry-After</c>, which the contest page shows as "đang xếp hàng" and retries by itself: a start is either begun or
/// answered within that time, never left to time out. Per node; the queue length is the metric
/// <c>contest.admission.queued</c>.
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

    /// <summary>
    /// Waits for a turn; the lease is not acquired when the queue is full or the wait reached
    /// <see cref="AdmissionOptions.MaxWaitSeconds"/>. Dispose it when the start is done.
    /// </summary>
    public async ValueTask<RateLimitLease> EnterAsync(CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(Math.Max(0, Options.MaxWaitSeconds)));
        try
        {
            return await _limiter.AcquireAsync(1, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WaitedTooLong();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _limiter.Dispose();
        Queued.Meter.Dispose();
    }

    private sealed class WaitedTooLong : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}

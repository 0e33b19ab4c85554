using System.Diagnostics;
using System.Globalization;

namespace Platform.LoadDriver;

/// <summary>Latencies, completion times and outcomes of one phase.</summary>
internal sealed class Recorder(string name)
{
    private readonly Lock _lock = new();
    private readonly List<double> _latencies = [];
    private readonly List<double> _completedAt = [];
    private readonly Dictionary<string, int> _errors = [];
    private long _bytes;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public string Name { get; } = name;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _latencies.Count;
            }
        }
    }

    public int Errors
    {
        get
        {
            lock (_lock)
            {
                return _errors.Values.Sum();
            }
        }
    }

    /// <summary>The mean size of the bodies recorded with a size, in bytes.</summary>
    public int MeanBytes
    {
        get
        {
            lock (_lock)
            {
                return _latencies.Count == 0 ? 0 : (int)(_bytes / _latencies.Count);
            }
        }
    }

    public void Restart() => _clock.Restart();

    public void Record(double milliseconds, string? error, long bytes = 0)
    {
        lock (_lock)
        {
            _bytes += bytes;
            _latencies.Add(milliseconds);
            _completedAt.Add(_clock.Elapsed.TotalSeconds);
            if (error is not null)
            {
                _errors[error] = _errors.GetValueOrDefault(error) + 1;
            }
        }
    }

    /// <summary>One Markdown row: count, rate over the phase, rate in its busiest 10 s, latency percentiles, errors.</summary>
    public string Row()
    {
        lock (_lock)
        {
            var sorted = _latencies.Order().ToArray();
            var seconds = _completedAt.Count == 0 ? _clock.Elapsed.TotalSeconds : Math.Max(_completedAt.Max(), 0.001);
            string P(double p) => sorted.Length == 0 ? "-" : F(Percentile(sorted, p));
            var errors = _errors.Count == 0 ? "0" : string.Join(", ", _errors.Select(e => $"{e.Value}×{e.Key}"));
            return $"| {Name} | {sorted.Length} | {F(sorted.Length / seconds)} | {F(PeakRate(10))} | {P(0.50)} | {P(0.95)} | {P(0.99)} | {(sorted.Length == 0 ? "-" : F(sorted[^1]))} | {errors} |";
        }
    }

    /// <summary>
    /// The requests by the window of the phase they were sent in (completion time less latency): for each window from
    /// the first to the last, the count, p50, p99 and max in milliseconds (zeros when none was sent in it).
    /// </summary>
    public IReadOnlyList<(int Count, double P50, double P99, double Max)> Timeline(double windowSeconds, int windows)
    {
        lock (_lock)
        {
            var buckets = Enumerable.Range(0, windows).Select(_ => new List<double>()).ToArray();
            for (var i = 0; i < _latencies.Count; i++)
            {
                var sentAt = _completedAt[i] - (_latencies[i] / 1000);
                buckets[Math.Clamp((int)(sentAt / windowSeconds), 0, windows - 1)].Add(_latencies[i]);
            }

            return buckets.Select(bucket =>
            {
                if (bucket.Count == 0)
                {
                    return (0, 0d, 0d, 0d);
                }

                bucket.Sort();
                return (bucket.Count, Percentile(bucket, 0.50), Percentile(bucket, 0.99), bucket[^1]);
            }).ToArray();
        }
    }

    /// <summary>Seconds from the phase's start to its last completed request.</summary>
    public double LastCompletedAt
    {
        get
        {
            lock (_lock)
            {
                return _completedAt.Count == 0 ? 0 : _completedAt.Max();
            }
        }
    }

    /// <summary>A figure of the report: one decimal, invariant.</summary>
    public static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>The nearest-rank percentile <paramref name="p"/> of values sorted ascending (at least one).</summary>
    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    public const string Header =
        "| phase | requests | req/s | busiest 10 s, req/s | p50 ms | p95 ms | p99 ms | max ms | errors |\n|---|---|---|---|---|---|---|---|---|";

    private double PeakRate(double window)
    {
        if (_completedAt.Count == 0)
        {
            return 0;
        }

        var times = _completedAt.Order().ToArray();
        var best = 0;
        var from = 0;
        for (var to = 0; to < times.Length; to++)
        {
            while (times[to] - times[from] > window)
            {
                from++;
            }

            best = Math.Max(best, to - from + 1);
        }

        return times[^1] - times[0] < window ? times.Length / Math.Max(times[^1], 0.001) : best / window;
    }
}

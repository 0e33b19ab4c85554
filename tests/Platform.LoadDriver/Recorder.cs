using System.Diagnostics;
using System.Globalization;

namespace Platform.LoadDriver;

/// <summary>Latencies and outcomes of one phase.</summary>
internal sealed class Recorder(string name)
{
    private readonly Lock _lock = new();
    private readonly List<double> _latencies = [];
    private readonly Dictionary<string, int> _errors = [];
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

    public void Restart() => _clock.Restart();

    public void Record(double milliseconds, string? error)
    {
        lock (_lock)
        {
            _latencies.Add(milliseconds);
            if (error is not null)
            {
                _errors[error] = _errors.GetValueOrDefault(error) + 1;
            }
        }
    }

    public string Row()
    {
        lock (_lock)
        {
            var sorted = _latencies.Order().ToArray();
            var seconds = _clock.Elapsed.TotalSeconds;
            string P(double p) => sorted.Length == 0 ? "-" : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)].ToString("0.0", CultureInfo.InvariantCulture);
            var errors = _errors.Count == 0 ? "0" : string.Join(", ", _errors.Select(e => $"{e.Value}×{e.Key}"));
            return $"| {Name} | {sorted.Length} | {(sorted.Length / seconds).ToString("0.0", CultureInfo.InvariantCulture)} | {P(0.50)} | {P(0.95)} | {P(0.99)} | {(sorted.Length == 0 ? "-" : sorted[^1].ToString("0.0", CultureInfo.InvariantCulture))} | {errors} |";
        }
    }

    public static string Header =>
        "| phase | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |\n|---|---|---|---|---|---|---|---|";
}

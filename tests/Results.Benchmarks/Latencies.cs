using System.Diagnostics;
using System.Globalization;

namespace Results.Benchmarks;

/// <summary>Percentiles of sequential requests.</summary>
/// <param name="Count">Requests measured.</param>
/// <param name="P50">Median, ms.</param>
/// <param name="P95">95th percentile, ms.</param>
/// <param name="P99">99th percentile, ms.</param>
/// <param name="Max">Slowest, ms.</param>
/// <param name="Failures">Requests that did not answer 200.</param>
/// <param name="Bytes">Body size of the last answer.</param>
internal sealed record Latency(int Count, double P50, double P95, double P99, double Max, int Failures, long Bytes)
{
    public string Text => string.Create(CultureInfo.InvariantCulture, $"p50 {P50:0.00} · p95 {P95:0.00} · p99 {P99:0.00} · max {Max:0.00} ms");

    /// <summary>Sends <paramref name="warmUp"/> then <paramref name="count"/> GETs one after the other; each is timed to its last body byte.</summary>
    public static Task<Latency> MeasureAsync(HttpClient client, string path, int warmUp, int count, string? acceptEncoding = null) =>
        MeasureAsync(client, _ => path, warmUp, count, acceptEncoding);

    /// <summary>As above, the i-th request (from −<paramref name="warmUp"/>) to <paramref name="path"/>(i).</summary>
    public static async Task<Latency> MeasureAsync(HttpClient client, Func<int, string> path, int warmUp, int count, string? acceptEncoding = null)
    {
        var times = new double[count];
        var failures = 0;
        long bytes = 0;
        for (var i = -warmUp; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path(i));
            if (acceptEncoding is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
            }

            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var body = await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i >= 0)
            {
                times[i] = elapsed;
                failures += response.IsSuccessStatusCode ? 0 : 1;
                bytes = body.Length;
            }
        }

        Array.Sort(times);
        double P(double p) => times[Math.Min(count - 1, (int)Math.Ceiling(p * count) - 1)];
        return new Latency(count, P(0.50), P(0.95), P(0.99), times[^1], failures, bytes);
    }
}

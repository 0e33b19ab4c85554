using System.Diagnostics;

namespace Platform.ClusterTests;

/// <summary>Polling with generous timeouts: conditions are checked repeatedly, never assumed after a fixed sleep.</summary>
internal static class Poll
{
    /// <summary>
    /// Checks <paramref name="condition"/> every <paramref name="interval"/> until it holds; returns the time it took.
    /// Throws a <see cref="TimeoutException"/> naming <paramref name="what"/> and the last observation otherwise.
    /// </summary>
    public static async Task<TimeSpan> UntilAsync(string what, TimeSpan timeout, Func<Task<(bool Done, string Observed)>> condition, TimeSpan? interval = null, Func<string>? diagnostics = null)
    {
        var watch = Stopwatch.StartNew();
        var last = "not checked yet";
        while (true)
        {
            try
            {
                var (done, observed) = await condition();
                last = observed;
                if (done)
                {
                    return watch.Elapsed;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or System.Net.Sockets.SocketException or Npgsql.NpgsqlException or InvalidOperationException)
            {
                last = $"{ex.GetType().Name}: {ex.Message}";
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"{what}: not within {timeout.TotalSeconds:0} s (last: {last}).{Environment.NewLine}{diagnostics?.Invoke()}");
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(200));
        }
    }
}

using System.Globalization;

namespace Platform.LoadDriver;

/// <summary>
/// Samples the resident set (VmRSS in /proc) of the named processes every 250 ms and keeps the peak of each since the
/// last <see cref="Reset"/>.
/// </summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly IReadOnlyList<(string Name, Func<int?> ProcessId)> _processes;
    private readonly Dictionary<string, long> _peakKb = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public MemorySampler(IReadOnlyList<(string Name, Func<int?> ProcessId)> processes)
    {
        _processes = processes;
        _loop = Task.Run(LoopAsync);
    }

    public IEnumerable<string> Names => _processes.Select(p => p.Name);

    public void Reset()
    {
        lock (_lock)
        {
            _peakKb.Clear();
        }

        Sample();
    }

    /// <summary>Peak resident set in MB per process since the last reset (null when never seen running).</summary>
    public IReadOnlyDictionary<string, double?> PeaksMb()
    {
        Sample();
        lock (_lock)
        {
            return _processes.ToDictionary(p => p.Name, p => _peakKb.TryGetValue(p.Name, out var kb) ? kb / 1024.0 : (double?)null);
        }
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Sample()
    {
        foreach (var (name, processId) in _processes)
        {
            if (processId() is not { } pid || ReadRssKb(pid) is not { } kb)
            {
                continue;
            }

            lock (_lock)
            {
                _peakKb[name] = Math.Max(_peakKb.GetValueOrDefault(name), kb);
            }
        }
    }

    private static long? ReadRssKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // the process is gone
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}

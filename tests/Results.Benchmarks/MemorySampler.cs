namespace Results.Benchmarks;

/// <summary>
/// Samples the managed heap (<see cref="GC.GetTotalMemory(bool)"/>, without collecting) and the process's resident set
/// every 20 ms on a thread of its own, and keeps the peaks and the values at the start.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;

    private MemorySampler()
    {
        StartHeap = GC.GetTotalMemory(false);
        StartRss = Environment.WorkingSet;
        PeakHeap = StartHeap;
        PeakRss = StartRss;
        _thread = new Thread(Run) { IsBackground = true, Name = "memory sampler" };
        _thread.Start();
    }

    public long StartHeap { get; }

    public long StartRss { get; }

    public long PeakHeap { get; private set; }

    public long PeakRss { get; private set; }

    public long HeapGrowth => PeakHeap - StartHeap;

    public long RssGrowth => PeakRss - StartRss;

    /// <summary>Collects fully (compacting the large object heap too), then starts sampling.</summary>
    public static MemorySampler Start()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return new MemorySampler();
    }

    /// <summary>Stops sampling after one last sample.</summary>
    public void Stop()
    {
        _stop = true;
        _thread.Join();
        Sample();
    }

    public void Dispose()
    {
        if (!_stop)
        {
            Stop();
        }
    }

    private void Run()
    {
        while (!_stop)
        {
            Sample();
            Thread.Sleep(20);
        }
    }

    private void Sample()
    {
        PeakHeap = Math.Max(PeakHeap, GC.GetTotalMemory(false));
        PeakRss = Math.Max(PeakRss, Environment.WorkingSet);
    }
}

namespace Results.Benchmarks;

/// <summary>
/// Samples the managed heap (<see cref="GC.GetTotalMemory(bool)"/>, without collecting: live data plus garbage not
/// collected yet) and the process's resident set every 20 ms on a thread of its own, and keeps the peaks. Also keeps the
/// largest heap left after a collection that happened while sampling (live data, with garbage promoted to older
/// generations that a full collection would free), the bytes allocated and the collections.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Thread _thread;
    private readonly long _startIndex;
    private readonly long _startAllocated;
    private readonly int[] _startCollections;
    private volatile bool _stop;

    private MemorySampler()
    {
        StartHeap = GC.GetTotalMemory(false);
        StartRss = Environment.WorkingSet;
        PeakHeap = StartHeap;
        PeakRss = StartRss;
        _startIndex = GC.GetGCMemoryInfo(GCKind.Any).Index;
        _startAllocated = GC.GetTotalAllocatedBytes(precise: false);
        _startCollections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        _thread = new Thread(Run) { IsBackground = true, Name = "memory sampler" };
        _thread.Start();
    }

    public long StartHeap { get; }

    public long StartRss { get; }

    public long PeakHeap { get; private set; }

    public long PeakRss { get; private set; }

    /// <summary>The largest heap after a collection during sampling, or the heap at the start when none ran.</summary>
    public long PeakAfterCollection { get; private set; }

    public long Allocated { get; private set; }

    public string Collections { get; private set; } = string.Empty;

    public long HeapGrowth => PeakHeap - StartHeap;

    public long RssGrowth => PeakRss - StartRss;

    /// <summary>Collects fully (compacting the large object heap too), then starts sampling.</summary>
    public static MemorySampler Start()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return new MemorySampler();
    }

    /// <summary>Stops sampling after one last sample.</summary>
    public void Stop()
    {
        if (_stop)
        {
            return;
        }

        _stop = true;
        _thread.Join();
        Sample();
        Allocated = GC.GetTotalAllocatedBytes(precise: false) - _startAllocated;
        Collections = $"{GC.CollectionCount(0) - _startCollections[0]}/{GC.CollectionCount(1) - _startCollections[1]}/{GC.CollectionCount(2) - _startCollections[2]}";
        if (PeakAfterCollection == 0)
        {
            PeakAfterCollection = StartHeap;
        }
    }

    public void Dispose() => Stop();

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
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        if (info.Index > _startIndex)
        {
            long after = 0;
            foreach (var generation in info.GenerationInfo)
            {
                after += generation.SizeAfterBytes;
            }

            PeakAfterCollection = Math.Max(PeakAfterCollection, after);
        }
    }
}

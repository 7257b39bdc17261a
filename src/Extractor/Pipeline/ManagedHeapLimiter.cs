namespace Extractor.Pipeline;

/// <summary>
/// Keeps the managed heap near its live size over a long batch. A document's objects live for the seconds it is in
/// flight, so the collections of the young generations that happen meanwhile promote them to generation 2, where
/// they die with the document; the runtime collects generation 2 only when its budget (which grows with what
/// survives) runs out, so the heap climbs far above what is live (measured: 50 MB live, 157 MB heap after 25
/// single-page scans) and the resident memory climbs with it. After each document the batch runner asks
/// <see cref="AfterDocument"/>: once the heap exceeds the live size of the last full collection by the slack, a
/// full compacting collection runs (tens of milliseconds; a scanned page takes seconds, and documents that leave
/// little garbage rarely trigger one).
/// </summary>
public sealed class ManagedHeapLimiter(long minSlackBytes = ManagedHeapLimiter.DefaultMinSlack)
{
    /// <summary>Garbage allowed above the live size before a collection: 32 MB, or half the live size when that is more.</summary>
    public const long DefaultMinSlack = 32L << 20;

    /// <summary>The one every batch of the process uses (a full collection is process-wide anyway).</summary>
    public static ManagedHeapLimiter Shared { get; } = new();

    /// <summary>Off: the runtime's own policy only (the benchmark's comparison run).</summary>
    public bool Enabled { get; set; } = true;

    private readonly object _gate = new();
    private long _liveAfterLast; // 0 at first: the first document's check also clears what loading the lexicons left

    /// <summary>Full collections this limiter ran.</summary>
    public int Collections { get; private set; }

    /// <summary>True when a heap of <paramref name="heapBytes"/> should be collected, given the live size after the last full collection.</summary>
    public static bool ShouldCollect(long heapBytes, long liveAfterLastBytes, long minSlackBytes) =>
        heapBytes > liveAfterLastBytes + Math.Max(minSlackBytes, liveAfterLastBytes / 2);

    /// <summary>Called after each document: collects when the heap has grown past the slack. True when it collected.</summary>
    public bool AfterDocument()
    {
        if (!Enabled) return false;
        lock (_gate)
        {
            long heap = GC.GetTotalMemory(false);
            if (!ShouldCollect(heap, _liveAfterLast, minSlackBytes)) return false;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            _liveAfterLast = GC.GetTotalMemory(false);
            Collections++;
            return true;
        }
    }
}

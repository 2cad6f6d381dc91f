using System.Runtime;

namespace KsQuery.Contracts.Hosting;

/// <summary>The collection that gives the heap's unused memory back to the operating system: blocking, compacting the
/// large object heap too, and decommitting (a background or forced one leaves the memory committed). It stops the process
/// for tens of milliseconds, so callers run it only when the service is quiet.</summary>
public static class HeapCompaction
{
    public static void CollectAndDecommit()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}

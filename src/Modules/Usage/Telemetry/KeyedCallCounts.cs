using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using KsQuery.Contracts.Http;

namespace KsQuery.Modules.Usage.Telemetry;

/// <summary>Keyed calls counted per API and status with one interlocked increment, read by the observable counter
/// <c>ksquery.keyed_calls</c> only when metrics are collected: a synchronous counter with four tags cost the keyed path
/// an aggregator lookup per call (docs/performance.md, "Metrics").</summary>
internal sealed class KeyedCallCounts
{
    private const int Statuses = 600;

    // One entry per endpoint: the endpoint's metadata object is the key, so the lookup hashes a reference.
    private readonly ConcurrentDictionary<ChainApiMetadata, long[]> _byApi = new(ReferenceEqualityComparer.Instance);

    public void Add(ChainApiMetadata api, int status)
    {
        if ((uint)status >= Statuses)
            return;
        var counts = _byApi.TryGetValue(api, out var known) ? known : _byApi.GetOrAdd(api, static _ => new long[Statuses]);
        Interlocked.Increment(ref counts[status]);
    }

    public IEnumerable<Measurement<long>> Read()
    {
        foreach (var (api, counts) in _byApi)
        {
            for (var status = 0; status < counts.Length; status++)
            {
                var count = Volatile.Read(ref counts[status]);
                if (count > 0)
                    yield return new Measurement<long>(count, new("chain", api.Chain), new("network", api.Network), new("api", api.ApiId),
                        new("status", status));
            }
        }
    }
}

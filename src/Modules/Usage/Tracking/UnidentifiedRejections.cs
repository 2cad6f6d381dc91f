using System.Diagnostics.Metrics;

namespace KsQuery.Modules.Usage.Tracking;

/// <summary>Calls refused with a key that could not be identified (missing, malformed, bad checksum, unknown id).
/// They belong to no account, so they are only counted: in memory (a total and, per report period, per code and for
/// at most <see cref="MaxAddresses"/> client addresses), as the <c>ksquery.usage.unidentified_rejections</c> metric,
/// and summarised in the log by the flusher. A flood of bad keys costs a lock and a few counters, never a store write.</summary>
internal sealed class UnidentifiedRejections(IMeterFactory meters)
{
    public const int MaxAddresses = 100;
    private const string OtherAddresses = "(others)";

    private readonly Counter<long> _counter = meters.Create("KsQuery.Usage").CreateCounter<long>(
        "ksquery.usage.unidentified_rejections", description: "Keyed calls refused with a key that could not be identified");
    private readonly Lock _gate = new();
    private Dictionary<string, long> _byCode = new(StringComparer.Ordinal);
    private Dictionary<string, long> _byAddress = new(StringComparer.Ordinal);
    private long _count;
    private long _total;

    /// <summary>All such calls since start.</summary>
    public long Total => Interlocked.Read(ref _total);

    public void Record(string code, string? clientAddress)
    {
        _counter.Add(1, new KeyValuePair<string, object?>("code", code));
        Interlocked.Increment(ref _total);
        var address = clientAddress ?? "(unknown)";
        lock (_gate)
        {
            _count++;
            _byCode[code] = _byCode.GetValueOrDefault(code) + 1;
            if (!_byAddress.ContainsKey(address) && _byAddress.Count >= MaxAddresses)
                address = OtherAddresses;
            _byAddress[address] = _byAddress.GetValueOrDefault(address) + 1;
        }
    }

    /// <summary>What was counted since the last report (then starts a new period).</summary>
    public UnidentifiedReport TakeReport()
    {
        lock (_gate)
        {
            var report = new UnidentifiedReport(_count, _byCode,
                _byAddress.OrderByDescending(a => a.Value).Take(10).ToList());
            _count = 0;
            _byCode = new(StringComparer.Ordinal);
            _byAddress = new(StringComparer.Ordinal);
            return report;
        }
    }
}

internal sealed record UnidentifiedReport(long Count, IReadOnlyDictionary<string, long> ByCode, IReadOnlyList<KeyValuePair<string, long>> TopAddresses);

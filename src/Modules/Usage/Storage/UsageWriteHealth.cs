using System.Diagnostics.Metrics;

namespace KsQuery.Modules.Usage.Storage;

/// <summary>How usage writes are going, for the <c>usage</c> check of <c>/health</c> and the metrics: records the store
/// refused on their own and that were dropped (<c>ksquery.usage.dropped_records</c>), and since when writes fail as a
/// whole because the store is unavailable (nothing is dropped then; it stays pending).</summary>
internal sealed class UsageWriteHealth(IMeterFactory meters, TimeProvider time)
{
    private readonly Counter<long> _dropped = meters.Create("KsQuery.Usage").CreateCounter<long>(
        "ksquery.usage.dropped_records", description: "Usage records the store refused on their own, dropped so the rest is written");
    private readonly Lock _gate = new();
    private long _droppedRecords;
    private DateTimeOffset? _lastDroppedAt;
    private string? _lastDropped;
    private DateTimeOffset? _failingSince;
    private string? _lastFailure;

    public void RecordDropped(string record, Exception error)
    {
        _dropped.Add(1, new KeyValuePair<string, object?>("error", error.GetType().Name));
        lock (_gate)
        {
            _droppedRecords++;
            _lastDroppedAt = time.GetUtcNow();
            _lastDropped = $"{record}: {error.GetType().Name}";
        }
    }

    public void WriteFailed(Exception error)
    {
        lock (_gate)
        {
            _failingSince ??= time.GetUtcNow();
            _lastFailure = error.GetType().Name;
        }
    }

    public void WriteSucceeded()
    {
        lock (_gate)
        {
            _failingSince = null;
            _lastFailure = null;
        }
    }

    public UsageWriteReport Report()
    {
        lock (_gate)
            return new UsageWriteReport(_droppedRecords, _lastDroppedAt, _lastDropped, _failingSince, _lastFailure);
    }
}

/// <param name="LastDropped">Which record (kind and key id, never client text) and the error's type.</param>
/// <param name="FailingSince">Set while writes fail because the store is unavailable.</param>
internal sealed record UsageWriteReport(long DroppedRecords, DateTimeOffset? LastDroppedAt, string? LastDropped,
    DateTimeOffset? FailingSince, string? LastFailure);

using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Aggregation;

namespace KsQuery.Modules.Usage.KeyUsage;

/// <summary>Answers the Keys module's question for one key's all-time totals (shown on <c>GET /v1/keys/{id}</c>).</summary>
public static class GetKeyUsageTotalsHandler
{
    public static async Task<KeyUsageTotals> Handle(GetKeyUsageTotals query, UsageCounter counter, CancellationToken cancellationToken)
    {
        await counter.Buffer.FlushAsync(cancellationToken);
        var buckets = counter.Aggregator.BucketsFor(query.KeyId);
        var totals = KeyTotals.From(buckets);
        DateTimeOffset? lastCall = buckets.Count == 0 ? null : buckets.Max(b => b.LastAt).ToUniversalTime();
        return new KeyUsageTotals(totals.Requests, totals.Errors, lastCall);
    }
}

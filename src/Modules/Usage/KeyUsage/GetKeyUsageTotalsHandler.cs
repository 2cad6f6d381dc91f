using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Aggregation;

namespace KsQuery.Modules.Usage.KeyUsage;

/// <summary>Answers the Keys module's question for one key's all-time totals (shown on <c>GET /v1/keys/{id}</c>).</summary>
public static class GetKeyUsageTotalsHandler
{
    public static KeyUsageTotals Handle(GetKeyUsageTotals query, UsageCounter counter)
    {
        var totals = KeyTotals.From(counter.Aggregator.BucketsFor(query.KeyId));
        return new KeyUsageTotals(totals.Requests, totals.Errors, totals.LastUsedAt);
    }
}

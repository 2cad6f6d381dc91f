using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Aggregation;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Usage.KeyUsage;

/// <summary>Answers the Keys module's question for one key's all-time totals (shown on <c>GET /v1/keys/{id}</c>). It waits
/// for the counting of earlier calls at most <see cref="UsageOptions.ReadTimeout"/>, then answers what is counted so far
/// (stored and pending): a key's details never fail or hang for its usage totals.</summary>
public static class GetKeyUsageTotalsHandler
{
    public static async Task<KeyUsageTotals> Handle(GetKeyUsageTotals query, UsageCounter counter, IOptions<UsageOptions> options,
        CancellationToken cancellationToken)
    {
        await counter.Buffer.FlushAsync(options.Value.ReadTimeout, cancellationToken);
        var buckets = counter.Aggregator.BucketsFor(query.KeyId);
        var totals = KeyTotals.From(buckets);
        DateTimeOffset? lastCall = buckets.Count == 0 ? null : buckets.Max(b => b.LastAt).ToUniversalTime();
        return new KeyUsageTotals(totals.Requests, totals.Errors, lastCall);
    }
}

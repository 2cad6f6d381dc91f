using KsQuery.Contracts.Http;
using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage;
using KsQuery.Modules.Usage.Aggregation;
using KsQuery.Modules.Usage.Storage;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Usage.Tests.Support;

/// <summary>An in-memory LiteDB store and aggregator, and builders of usage events and keys.</summary>
internal sealed class Usage : IDisposable
{
    /// <param name="store">Wraps the real store in a test double (one that refuses some writes).</param>
    public Usage(UsageOptions? options = null, Func<LiteDbUsageStore, IUsageStore>? store = null)
    {
        Options = Microsoft.Extensions.Options.Options.Create(options ?? new UsageOptions());
        Database = new LiteDatabase(":memory:");
        Store = new LiteDbUsageStore(Database);
        Health = new UsageWriteHealth(new TestMeters(), Time);
        var used = store?.Invoke(Store) ?? Store;
        Aggregator = new UsageAggregator(used, new UsageBatchWriter(used, Health, NullLogger<UsageBatchWriter>.Instance), Options);
    }

    public ManualTimeProvider Time { get; } = new();
    public UsageWriteHealth Health { get; }

    public IOptions<UsageOptions> Options { get; }
    public LiteDatabase Database { get; }
    public LiteDbUsageStore Store { get; }
    public UsageAggregator Aggregator { get; }

    public void Dispose() => Database.Dispose();

    public static KeyedCallCompleted Served(string keyId, DateTimeOffset at, int status = 200, double ms = 2, string api = "network-info") =>
        new(keyId, "acct", "kalp", "testnet", api, status, ms, at, ClientAddress: "192.0.2.1");

    public static KeyedCallCompleted Refused(string keyId, DateTimeOffset at, string code = "rate_limited", int status = 429) =>
        new(keyId, "acct", "kalp", "testnet", "network-info", status, 0.1, at,
            new KeyedCallRejection(code, code is "rate_limited" or "quota_exceeded" or "key_scope_mismatch", "ksq_test_abcd…wxyz", "GET",
                "/v1/kalp/testnet/network", "192.0.2.9", "test/1"),
            "192.0.2.9", "test/1");

    public static VerifiedKey Key(string id, int perSecond = 100, long? quota = null) =>
        new(id, "acct", "kalp", "testnet", "ksq_test_abcd…wxyz", perSecond, quota);
}

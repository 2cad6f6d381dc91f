using Host.Tests.Keys;
using KsQuery.Tests.Postgres;

namespace Host.Tests.ScaleOut;

/// <summary>With the PostgreSQL store, as with LiteDB (LastUseFlusherStopTests): a graceful stop loses no key's
/// <c>lastUsedAt</c>; the instance is started again on the same database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLastUseStopTests(PostgresCluster cluster) : TwoInstancesOnPostgres(cluster)
{
    [PostgresFact]
    public Task Keys_used_right_before_a_graceful_stop_keep_their_last_use() =>
        // The calls still gathered for publication when the stop begins: the case that lost them before.
        LastUseAcrossAStop.AssertKeptAsync("00:00:01", (settings, clock) => StartAsync(DataA, settings, clock));
}

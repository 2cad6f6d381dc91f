using Host.Tests.Support;
using KsQuery.Tests.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Host.Tests.ScaleOut;

/// <summary>Base of the scale-out tests: two instances (A and B) on one fresh PostgreSQL database (KSQUERY_STORE), each with
/// a data directory of its own, as behind a load balancer. Derived classes carry <c>[Collection(PostgresCollection.Name)]</c>
/// and <c>[PostgresFact]</c>, which skip without PostgreSQL binaries (no database is made then).</summary>
public abstract class TwoInstancesOnPostgres(PostgresCluster cluster) : IAsyncLifetime
{
    /// <summary>The connection string of this test's database (KSQUERY_STORE).</summary>
    protected string Store { get; private set; } = "";

    protected TempDirectory DataA { get; } = new();

    protected TempDirectory DataB { get; } = new();

    public async Task InitializeAsync()
    {
        if (PostgresBinaries.IsAvailable || PostgresBinaries.IsRequired)
            Store = await cluster.CreateDatabaseAsync();
    }

    public Task DisposeAsync()
    {
        DataA.Dispose();
        DataB.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Starts an instance on <paramref name="data"/> and the shared database, with <paramref name="settings"/> on top.</summary>
    protected Task<IAlbaHost> StartAsync(TempDirectory data, IDictionary<string, string?>? settings = null, TimeProvider? clock = null,
        Action<IServiceCollection>? replaceServices = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["KSQUERY_STORE"] = Store };
        return TestHost.StartAsync(data.Path, all, clock, replaceServices);
    }
}

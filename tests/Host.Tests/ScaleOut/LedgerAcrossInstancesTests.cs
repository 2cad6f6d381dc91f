using System.Net;
using Host.Tests.Support;
using KsQuery.Tests.Postgres;

namespace Host.Tests.ScaleOut;

/// <summary>The local KALP ledger when scaled out: each instance builds it in its own data directory from the seed, so every
/// instance answers the same; live block production (which would make them drift apart) is refused with PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LedgerAcrossInstancesTests(PostgresCluster cluster) : IAsyncLifetime
{
    private readonly TempDirectory _dataA = new();
    private readonly TempDirectory _dataB = new();
    private string _store = "";

    public async Task InitializeAsync()
    {
        if (PostgresBinaries.IsAvailable || PostgresBinaries.IsRequired)
            _store = await cluster.CreateDatabaseAsync();
    }

    public Task DisposeAsync()
    {
        _dataA.Dispose();
        _dataB.Dispose();
        return Task.CompletedTask;
    }

    [PostgresFact]
    public async Task Two_instances_with_the_same_seed_answer_every_ledger_read_alike()
    {
        await using var a = await TestHost.StartAsync(_dataA.Path, new Dictionary<string, string?> { ["KSQUERY_STORE"] = _store });
        await using var b = await TestHost.StartAsync(_dataB.Path, new Dictionary<string, string?> { ["KSQUERY_STORE"] = _store });
        var (apiA, apiB) = (new ApiClient(a), new ApiClient(b));
        var token = await apiA.SignUpAndLogInAsync("ann@example.com");
        await apiA.SelectAsync(token);
        var (_, key) = await apiA.CreateKeyAsync(token, "main");

        foreach (var path in new[] { "/network", "/blocks/latest", "/blocks/1", "/blocks/120", "/transactions" })
        {
            var (statusA, bodyA, _) = await apiA.GetAsync("/v1/kalp/testnet" + path, apiKey: key);
            var (statusB, bodyB, _) = await apiB.GetAsync("/v1/kalp/testnet" + path, apiKey: key);
            statusA.ShouldBe(HttpStatusCode.OK, path + ": " + bodyA);
            (statusB, bodyB.ToString()).ShouldBe((statusA, bodyA.ToString()), path);
        }
    }

    [PostgresFact]
    public async Task Live_block_production_is_refused_at_start_when_PostgreSQL_is_selected()
    {
        var failure = await Should.ThrowAsync<Exception>(() => TestHost.StartAsync(_dataA.Path, new Dictionary<string, string?>
        {
            ["KSQUERY_STORE"] = _store,
            ["Plugins:kalp:BlockIntervalSeconds"] = "5",
        }));

        failure.ToString().ShouldContain("Plugins:kalp:BlockIntervalSeconds");
        failure.ToString().ShouldContain("KSQUERY_STORE");
    }
}

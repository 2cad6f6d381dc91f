using System.Net;
using Host.Tests.Support;
using KsQuery.Tests.Postgres;

namespace Host.Tests.ScaleOut;

/// <summary>The local KALP ledger when scaled out: each instance builds it in its own data directory from the seed, so every
/// instance answers the same; live block production (which would make them drift apart) is refused with PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LedgerAcrossInstancesTests(PostgresCluster cluster) : TwoInstancesOnPostgres(cluster)
{
    [PostgresFact]
    public async Task Two_instances_with_the_same_seed_answer_every_ledger_read_alike()
    {
        await using var a = await StartAsync(DataA);
        await using var b = await StartAsync(DataB);
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
        var failure = await Should.ThrowAsync<Exception>(() => StartAsync(DataA, new Dictionary<string, string?>
        {
            ["Plugins:kalp:BlockIntervalSeconds"] = "5",
        }));

        failure.ToString().ShouldContain("Plugins:kalp:BlockIntervalSeconds");
        failure.ToString().ShouldContain("KSQUERY_STORE");
    }
}

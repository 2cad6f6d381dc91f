using System.Net;
using Host.Tests.Support;
using KsQuery.Tests.Postgres;

namespace Host.Tests.ScaleOut;

/// <summary>Two hosts on one PostgreSQL database (KSQUERY_STORE), each with its own data directory, as two instances behind
/// a load balancer: what one acknowledges, the other (and either after a restart) serves.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TwoInstancesTests(PostgresCluster cluster) : TwoInstancesOnPostgres(cluster)
{
    private const string Password = "correct horse battery";
    private const string KeyedCall = "/v1/kalp/testnet/network";

    [PostgresFact]
    public async Task An_account_and_key_created_on_one_instance_work_on_the_other()
    {
        await using var a = await StartAsync(DataA);
        await using var b = await StartAsync(DataB);
        var (apiA, apiB) = (new ApiClient(a), new ApiClient(b));

        var tokenA = await apiA.SignUpAndLogInAsync("ann@example.com", Password);
        await apiA.SelectAsync(tokenA);
        var (status, created, _) = await apiA.PostAsync("/v1/keys", new { name = "main", recoverable = true }, tokenA);
        status.ShouldBe(HttpStatusCode.Created, created.ToString());
        var (keyId, key) = (created.GetProperty("id").GetString()!, created.GetProperty("key").GetString()!);

        // B signs the same account in, accepts A's token (one key ring), lists and reveals A's key, and serves it.
        var (login, signedIn, _) = await apiB.PostAsync("/v1/auth/login", new { email = "ann@example.com", password = Password });
        login.ShouldBe(HttpStatusCode.OK, signedIn.ToString());
        (await apiB.GetAsync("/v1/me", tokenA)).Status.ShouldBe(HttpStatusCode.OK);
        var (listed, keys, _) = await apiB.GetAsync("/v1/keys", tokenA);
        listed.ShouldBe(HttpStatusCode.OK);
        keys.ToString().ShouldContain(keyId);
        var (revealed, plain, _) = await apiB.PostAsync($"/v1/keys/{keyId}/reveal", new { password = Password }, tokenA);
        revealed.ShouldBe(HttpStatusCode.OK, plain.ToString());
        plain.GetProperty("key").GetString().ShouldBe(key);
        var (called, answer, _) = await apiB.GetAsync(KeyedCall, apiKey: key);
        called.ShouldBe(HttpStatusCode.OK, answer.ToString());

        // A refresh token issued by B is redeemed by A (the session is in the shared store).
        var refreshToken = signedIn.GetProperty("refreshToken").GetString()!;
        var (refreshed, renewed, _) = await apiA.PostAsync("/v1/auth/refresh", new { refreshToken });
        refreshed.ShouldBe(HttpStatusCode.OK, renewed.ToString());
        (await apiA.GetAsync("/v1/sessions", tokenA)).Body.GetProperty("items").GetArrayLength().ShouldBe(2);
    }

    [PostgresFact]
    public async Task A_restart_of_either_instance_loses_nothing_acknowledged()
    {
        string tokenA, keyA, keyB;
        await using (var a = await StartAsync(DataA))
        {
            var apiA = new ApiClient(a);
            tokenA = await apiA.SignUpAndLogInAsync("ann@example.com", Password);
            await apiA.SelectAsync(tokenA);
            keyA = (await apiA.CreateKeyAsync(tokenA, "from-a")).Key;
            await using var b = await StartAsync(DataB);
            var apiB = new ApiClient(b);
            keyB = (await apiB.CreateKeyAsync(tokenA, "from-b")).Key;
            (await apiB.PostAsync("/v1/teams", new { name = "Core" }, tokenA)).Status.ShouldBe(HttpStatusCode.Created);
        }

        // Both stopped; each restarts on its own data directory and finds everything the other acknowledged.
        await using var restartedA = await StartAsync(DataA);
        await using var restartedB = await StartAsync(DataB);
        foreach (var api in new[] { new ApiClient(restartedA), new ApiClient(restartedB) })
        {
            (await api.GetAsync("/v1/me", tokenA)).Status.ShouldBe(HttpStatusCode.OK);
            (await api.GetAsync(KeyedCall, apiKey: keyA)).Status.ShouldBe(HttpStatusCode.OK);
            (await api.GetAsync(KeyedCall, apiKey: keyB)).Status.ShouldBe(HttpStatusCode.OK);
            var (_, teams, _) = await api.GetAsync("/v1/teams", tokenA);
            teams.ToString().ShouldContain("Core");
        }
    }
}

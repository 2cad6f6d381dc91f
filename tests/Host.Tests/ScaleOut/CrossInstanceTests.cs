using System.Collections.Concurrent;
using System.Net;
using Host.Tests.Support;
using KsQuery.Modules.Keys.Authentication;
using KsQuery.Modules.Usage.Limits.Shared;
using KsQuery.Tests.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Host.Tests.ScaleOut;

/// <summary>Two hosts on one PostgreSQL database (KSQUERY_STORE), each with its own data directory: a revoke on one stops the
/// key on the other once the eviction arrives, usage from both adds up exactly, and a key's rate limit holds across both
/// within the tolerance of docs/scaling.md.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CrossInstanceTests(PostgresCluster cluster) : TwoInstancesOnPostgres(cluster)
{
    private const string Password = "correct horse battery";
    private const string KeyedCall = "/v1/kalp/testnet/network";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    // Revalidation (the bound for a missed eviction) set far beyond the test's wait: only the eviction message can pass it.
    private Task<IAlbaHost> StartInstanceAsync(TempDirectory data, TimeProvider? clock = null, EvictionProbe? probe = null) =>
        StartAsync(data, new Dictionary<string, string?> { ["Store:Revalidation"] = "00:10:00" }, clock,
            probe is null ? null : services => services.AddSingleton<IVerifiedKeyCache>(sp => probe.Watching(sp.GetRequiredService<VerifiedKeyCache>())));

    /// <summary>A (watched for evictions) and B started, a signed-in account with a key that A has verified once, so A
    /// answers it from memory: a change made on B reaches A only through the eviction.</summary>
    private async Task<KeyVerifiedOnA> KeyVerifiedOnAAsync()
    {
        var probe = new EvictionProbe();
        var a = await StartInstanceAsync(DataA, probe: probe);
        var b = await StartInstanceAsync(DataB);
        var (apiA, apiB) = (new ApiClient(a), new ApiClient(b));
        var token = await apiA.SignUpAndLogInAsync("ann@example.com", Password);
        await apiA.SelectAsync(token);
        var (keyId, key) = await apiA.CreateKeyAsync(token, "main");
        (await apiA.GetAsync(KeyedCall, apiKey: key)).Status.ShouldBe(HttpStatusCode.OK);
        return new KeyVerifiedOnA(a, b, apiA, apiB, token, keyId, key, probe.EvictionOf(keyId));
    }

    private sealed record KeyVerifiedOnA(IAlbaHost A, IAlbaHost B, ApiClient ApiA, ApiClient ApiB, string Token, string KeyId, string Key,
        Task Evicted) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await A.DisposeAsync();
            await B.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task A_revoke_on_B_fails_the_next_call_on_A_once_the_eviction_is_delivered()
    {
        await using var setup = await KeyVerifiedOnAAsync();

        var (revoked, body, _) = await setup.ApiB.PostAsync($"/v1/keys/{setup.KeyId}/revoke", null, setup.Token);
        revoked.ShouldBe(HttpStatusCode.OK, body.ToString());
        await setup.Evicted.WaitAsync(Bound);

        var (status, problem, _) = await setup.ApiA.GetAsync(KeyedCall, apiKey: setup.Key);
        status.ShouldBe(HttpStatusCode.Unauthorized);
        problem.Code().ShouldBe("key_revoked");
    }

    [PostgresFact]
    public async Task Restrictions_edited_on_B_apply_to_the_next_call_on_A_once_the_eviction_is_delivered()
    {
        await using var setup = await KeyVerifiedOnAAsync();

        var (edited, body, _) = await setup.ApiB.SendAsync(HttpMethod.Patch, $"/v1/keys/{setup.KeyId}",
            new { restrictions = new { userAgents = new[] { "MyApp" } } }, setup.Token);
        edited.ShouldBe(HttpStatusCode.OK, body.ToString());
        await setup.Evicted.WaitAsync(Bound);

        var (status, problem, _) = await setup.ApiA.GetAsync(KeyedCall, apiKey: setup.Key); // no User-Agent: not MyApp
        status.ShouldBe(HttpStatusCode.Forbidden, problem.ToString());
        problem.Code().ShouldBe("key_restricted");
    }

    [PostgresFact]
    public async Task Usage_totals_read_on_either_instance_equal_the_calls_made_on_both()
    {
        await using var a = await StartInstanceAsync(DataA);
        await using var b = await StartInstanceAsync(DataB);
        var (apiA, apiB) = (new ApiClient(a), new ApiClient(b));
        var token = await apiA.SignUpAndLogInAsync("ann@example.com", Password);
        await apiA.SelectAsync(token);
        var (keyId, key) = await apiA.CreateKeyAsync(token, "main");

        for (var i = 0; i < 7; i++)
            (await apiA.GetAsync(KeyedCall, apiKey: key)).Status.ShouldBe(HttpStatusCode.OK);
        for (var i = 0; i < 5; i++)
            (await apiB.GetAsync(KeyedCall, apiKey: key)).Status.ShouldBe(HttpStatusCode.OK);

        // A read writes what its own instance has counted before it reads: read on B, then on A, and both are in.
        (await apiB.GetAsync($"/v1/keys/{keyId}/usage", token)).Body.GetProperty("requests").GetInt64().ShouldBe(5);
        (await apiA.GetAsync($"/v1/keys/{keyId}/usage", token)).Body.GetProperty("requests").GetInt64().ShouldBe(12);
        (await apiB.GetAsync($"/v1/keys/{keyId}/usage", token)).Body.GetProperty("requests").GetInt64().ShouldBe(12);
        (await apiB.GetAsync("/v1/usage/summary", token)).Body.GetProperty("requests").GetInt64().ShouldBe(12);
    }

    [PostgresFact]
    public async Task A_keys_rate_limit_is_enforced_across_both_instances_within_the_documented_tolerance()
    {
        // One clock for both, stopped inside one second; the instances exchange their counts when the test says so.
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 15, 12, 0, 0, TimeSpan.Zero));
        await using var a = await StartInstanceAsync(DataA, clock);
        await using var b = await StartInstanceAsync(DataB, clock);
        var (apiA, apiB) = (new ApiClient(a), new ApiClient(b));
        var token = await apiA.SignUpAndLogInAsync("ann@example.com", Password);
        await apiA.SelectAsync(token);
        var (status, created, _) = await apiA.PostAsync("/v1/keys", new { name = "limited", rateLimitPerSecond = 10 }, token);
        status.ShouldBe(HttpStatusCode.Created, created.ToString());
        var key = created.GetProperty("key").GetString()!;
        var (exchangeA, exchangeB) = (Exchange(a), Exchange(b));
        await exchangeA.ExchangeAsync(default); // heartbeats: each learns the other is there
        await exchangeB.ExchangeAsync(default);
        await exchangeA.ExchangeAsync(default);

        var served = 0;
        var refused = 0;
        for (var round = 0; round < 4; round++)
        {
            foreach (var api in new[] { apiA, apiB })
                for (var i = 0; i < 10; i++)
                {
                    var (code, problem, _) = await api.GetAsync(KeyedCall, apiKey: key);
                    if (code == HttpStatusCode.OK)
                        served++;
                    else
                    {
                        code.ShouldBe(HttpStatusCode.TooManyRequests);
                        problem.Code().ShouldBe("rate_limited");
                        refused++;
                    }
                }
            await exchangeA.ExchangeAsync(default);
            await exchangeB.ExchangeAsync(default);
        }

        // Limit 10 per second, 2 instances: at most 10 + ceil(10 * (2 - 1) / 2^2) = 13 (docs/scaling.md, "Rate limits").
        served.ShouldBeInRange(10, 13);
        refused.ShouldBe(80 - served);
    }

    private static LimitExchange Exchange(IAlbaHost host) =>
        host.Services.GetServices<IHostedService>().OfType<LimitExchange>().Single();

    /// <summary>The real cache of one instance, telling the test when a key is evicted there.</summary>
    private sealed class EvictionProbe
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);

        public Task EvictionOf(string keyId) => Signal(keyId).Task;

        public IVerifiedKeyCache Watching(VerifiedKeyCache cache) => new Watcher(cache, this);

        private TaskCompletionSource Signal(string keyId) =>
            _waiting.GetOrAdd(keyId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        private sealed class Watcher(VerifiedKeyCache cache, EvictionProbe probe) : IVerifiedKeyCache
        {
            public void Evict(string keyId)
            {
                cache.Evict(keyId);
                probe.Signal(keyId).TrySetResult();
            }
        }
    }
}

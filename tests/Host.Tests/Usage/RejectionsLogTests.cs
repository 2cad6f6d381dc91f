using System.Net;
using System.Text.Json;
using Host.Tests.Support;
using Wolverine.Tracking;

namespace Host.Tests.Usage;

/// <summary>Every refusal of an identified key lands in its owner's rejections log with address, user agent, method and path.</summary>
public sealed class RejectionsLogTests : IDisposable
{
    private const string Network = "/v1/kalp/testnet/network";
    private readonly TempDirectory _data = new();
    private readonly ManualClock _clock = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Each_refusal_code_is_logged_for_the_owner_only_with_address_user_agent_method_and_path()
    {
        await using var host = await UsageTestHost.StartAsync(_data.Path, _clock, withSampleChain: true);
        var api = new ApiClient(host);
        var token = await api.SignUpAndLogInAsync("owner@example.com");
        await api.SelectAsync(token);
        var limited = await api.CreateKeyWithAsync(token, "limited", rateLimitPerSecond: 1);
        var metered = await api.CreateKeyWithAsync(token, "metered", monthlyQuota: 1);
        var expiring = await api.CreateKeyWithAsync(token, "expiring", expiresAt: _clock.GetUtcNow().AddMinutes(10));
        var revoked = await api.CreateKeyWithAsync(token, "revoked");
        var sample = await api.CreateKeyWithAsync(token, "sample", chain: "sample", network: "devnet");
        (await api.PostAsync($"/v1/keys/{revoked.Id}/revoke", null, token)).Status.ShouldBe(HttpStatusCode.OK);

        var expected = new Dictionary<string, (string KeyId, string Ip, string Agent, int Status)>
        {
            ["key_invalid"] = (limited.Id, "198.51.100.1", "wrong-secret/1", 401),
            ["key_revoked"] = (revoked.Id, "198.51.100.2", "revoked/1", 401),
            ["key_scope_mismatch"] = (sample.Id, "198.51.100.3", "scope/1", 403),
            ["rate_limited"] = (limited.Id, "198.51.100.4", "rate/1", 429),
            ["quota_exceeded"] = (metered.Id, "198.51.100.5", "quota/1", 429),
            ["key_expired"] = (expiring.Id, "2001:db8::6", "expired/1", 401),
        };
        var answers = new Dictionary<string, KeyedAnswer>();
        await host.ExecuteAndWaitAsync(async () =>
        {
            answers["key_invalid"] = await host.CallAsync(Network, UsageTestHost.WithWrongSecret(limited.Key), "198.51.100.1", "wrong-secret/1");
            answers["key_revoked"] = await host.CallAsync(Network, revoked.Key, "198.51.100.2", "revoked/1");
            answers["key_scope_mismatch"] = await host.CallAsync(Network, sample.Key, "198.51.100.3", "scope/1");
            (await host.CallAsync(Network, limited.Key, "198.51.100.4", "rate/1")).Status.ShouldBe(200);
            answers["rate_limited"] = await host.CallAsync(Network, limited.Key, "198.51.100.4", "rate/1");
            (await host.CallAsync(Network, metered.Key, "198.51.100.5", "quota/1")).Status.ShouldBe(200);
            answers["quota_exceeded"] = await host.CallAsync(Network, metered.Key, "198.51.100.5", "quota/1");
            (await host.CallAsync(Network, UsageTestHost.UnknownKey(), "198.51.100.7", "unknown/1")).Status.ShouldBe(401);
            (await host.CallAsync(Network, null, "198.51.100.8", "nokey/1")).Status.ShouldBe(401);
            _clock.Advance(TimeSpan.FromMinutes(11));
            answers["key_expired"] = await host.CallAsync(Network, expiring.Key, "2001:db8::6", "expired/1");
        });

        foreach (var (code, answer) in answers)
        {
            answer.Status.ShouldBe(expected[code].Status, code);
            answer.Code.ShouldBe(code);
        }
        // The key is known (verified) on a scope mismatch, so its answer carries the RateLimit headers; not on a 401.
        answers["key_scope_mismatch"].Header("RateLimit-Limit").ShouldNotBeEmpty();
        answers["key_revoked"].Header("RateLimit-Limit").ShouldBeEmpty();

        token = await LogInAsync(api, "owner@example.com");
        var (status, page, _) = await api.GetAsync("/v1/usage/rejections?size=100", token);
        status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.GetProperty("total").GetInt64().ShouldBe(6, "unidentified keys are not anyone's rejections");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("code").GetString()).ShouldBe(expected.Keys, ignoreOrder: true);
        foreach (var item in items)
        {
            var want = expected[item.GetProperty("code").GetString()!];
            item.GetProperty("keyId").GetString().ShouldBe(want.KeyId);
            item.GetProperty("ip").GetString().ShouldBe(want.Ip);
            item.GetProperty("userAgent").GetString().ShouldBe(want.Agent);
            item.GetProperty("status").GetInt32().ShouldBe(want.Status);
            item.GetProperty("method").GetString().ShouldBe("GET");
            item.GetProperty("path").GetString().ShouldBe(Network);
            item.GetProperty("display").GetString()!.ShouldStartWith("ksq_test_");
            item.GetProperty("at").GetDateTimeOffset().ShouldBeGreaterThan(_clock.GetUtcNow().AddMinutes(-12));
        }
        items.First().GetProperty("code").GetString().ShouldBe("key_expired", "newest first");

        var (_, firstPage, _) = await api.GetAsync("/v1/usage/rejections?page=1&size=4", token);
        firstPage.GetProperty("items").GetArrayLength().ShouldBe(4);
        firstPage.GetProperty("total").GetInt64().ShouldBe(6);
        var (_, secondPage, _) = await api.GetAsync("/v1/usage/rejections?page=2&size=4", token);
        secondPage.GetProperty("items").GetArrayLength().ShouldBe(2);
        var (_, afterAll, _) = await api.GetAsync($"/v1/usage/rejections?from={ExactCountingTests.Iso(_clock.GetUtcNow().AddMinutes(1))}", token);
        afterAll.GetProperty("total").GetInt64().ShouldBe(0);
        var (_, onlyExpired, _) = await api.GetAsync($"/v1/usage/rejections?from={ExactCountingTests.Iso(_clock.GetUtcNow().AddMinutes(-1))}", token);
        onlyExpired.GetProperty("items").EnumerateArray().Single().GetProperty("code").GetString().ShouldBe("key_expired");

        var stranger = await api.SignUpAndLogInAsync("stranger@example.com");
        var (_, theirs, _) = await api.GetAsync("/v1/usage/rejections", stranger);
        theirs.GetProperty("total").GetInt64().ShouldBe(0);
        var (_, theirSummary, _) = await api.GetAsync("/v1/usage/summary", stranger);
        theirSummary.GetProperty("requests").GetInt64().ShouldBe(0);
    }

    [Theory]
    [InlineData("/v1/usage/rejections?from=yesterday", "from")]
    [InlineData("/v1/usage/rejections?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z", "from")]
    [InlineData("/v1/usage/rejections?page=0", "page")]
    [InlineData("/v1/usage/rejections?size=101", "size")]
    [InlineData("/v1/usage/rejections?size=ten", "size")]
    [InlineData("/v1/usage/summary?to=2030-13-01", "to")]
    [InlineData("/v1/usage/timeseries?interval=week", "interval")]
    [InlineData("/v1/usage/timeseries?interval=minute&from=2030-01-01T00:00:00Z&to=2030-01-03T00:00:00Z", "from")]
    [InlineData("/v1/keys/anything/usage?from=nope", "from")]
    public async Task Bad_query_values_get_400_validation_failed_with_errors(string url, string field)
    {
        await using var host = await UsageTestHost.StartAsync(_data.Path, _clock);
        var api = new ApiClient(host);
        var token = await api.SignUpAndLogInAsync("validation@example.com");

        var (status, problem, _) = await api.GetAsync(url, token);

        status.ShouldBe(HttpStatusCode.BadRequest, problem.ToString());
        problem.Code().ShouldBe("validation_failed");
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
    }

    [Fact]
    public async Task Usage_routes_need_an_account_and_another_accounts_key_is_not_found()
    {
        await using var host = await UsageTestHost.StartAsync(_data.Path, _clock);
        var api = new ApiClient(host);
        foreach (var url in new[] { "/v1/usage/summary", "/v1/usage/timeseries", "/v1/usage/rejections" })
        {
            var (status, problem, _) = await api.GetAsync(url);
            status.ShouldBe(HttpStatusCode.Unauthorized);
            problem.Code().ShouldBe("unauthenticated");
        }

        var owner = await api.SignUpAndLogInAsync("a@example.com");
        await api.SelectAsync(owner);
        var (keyId, _) = await api.CreateKeyAsync(owner, "mine");
        var other = await api.SignUpAndLogInAsync("b@example.com");
        foreach (var url in new[] { $"/v1/usage/timeseries?keyId={keyId}", $"/v1/keys/{keyId}/usage" })
        {
            var (status, problem, _) = await api.GetAsync(url, other);
            status.ShouldBe(HttpStatusCode.NotFound);
            problem.Code().ShouldBe("key_not_found");
        }
        var (docStatus, openApi, _) = await api.GetAsync("/openapi/v1.json");
        docStatus.ShouldBe(HttpStatusCode.OK);
        var paths = openApi.GetProperty("paths");
        foreach (var route in new[] { "/v1/usage/summary", "/v1/usage/timeseries", "/v1/usage/rejections", "/v1/keys/{id}/usage" })
            paths.GetProperty(route).GetProperty("get").GetProperty("description").GetString()!.ShouldNotBeNullOrWhiteSpace();

        var (ownStatus, series, _) = await api.GetAsync($"/v1/usage/timeseries?keyId={keyId}&interval=minute", owner);
        ownStatus.ShouldBe(HttpStatusCode.OK);
        series.GetArrayLength().ShouldBe(60);
        series.EnumerateArray().ShouldAllBe(p => p.GetProperty("requests").GetInt64() == 0 && p.GetProperty("p50Ms").ValueKind == JsonValueKind.Null);
    }

    internal static async Task<string> LogInAsync(ApiClient api, string email)
    {
        var (status, login, _) = await api.PostAsync("/v1/auth/login", new { email, password = "correct horse battery" });
        status.ShouldBe(HttpStatusCode.OK);
        return login.GetProperty("accessToken").GetString()!;
    }
}

using System.Net;
using System.Text.Json;
using Host.Tests.Support;
using Host.Tests.Usage;
using KsQuery.Modules.Keys.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;
using Wolverine.Tracking;

namespace Host.Tests.Keys;

/// <summary>Restrictions per key (issue 17): client address ranges (IPv4, IPv6, IPv4-mapped), origins (exact and
/// <c>*.domain</c>), user-agent substrings and catalog apis. A call outside them answers 403 <c>key_restricted</c> with
/// <c>restriction</c> and lands in the owner's rejections log; an edit holds from the next call.</summary>
public sealed class KeyRestrictionTests : IDisposable
{
    private const string Network = "/v1/kalp/testnet/network";
    private const string LatestBlock = "/v1/kalp/testnet/blocks/latest";
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private sealed record Client(string Ip = "203.0.113.10", string? Origin = null, string? UserAgent = "restriction-tests/1.0",
        string? ForwardedFor = null);

    private static async Task<KeyedAnswer> CallAsync(IAlbaHost host, string key, Client client, string path = Network)
    {
        var context = await host.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = path;
            c.Request.Headers["X-Api-Key"] = key;
            if (client.Origin is not null)
                c.Request.Headers.Origin = client.Origin;
            if (client.UserAgent is not null)
                c.Request.Headers.UserAgent = client.UserAgent;
            if (client.ForwardedFor is not null)
                c.Request.Headers["X-Forwarded-For"] = client.ForwardedFor;
            c.Connection.RemoteIpAddress = IPAddress.Parse(client.Ip);
        });
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        var body = string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new KeyedAnswer(context.Response.StatusCode, body, context.Response.Headers);
    }

    private static void ShouldBeRestricted(KeyedAnswer answer, string restriction)
    {
        answer.Status.ShouldBe(403, answer.Body.ToString());
        answer.Code.ShouldBe("key_restricted");
        answer.Body.GetProperty("restriction").GetString().ShouldBe(restriction);
        answer.Headers.ContentType.ToString().ShouldBe("application/problem+json");
    }

    private async Task<(IAlbaHost Host, ApiClient Api, string Token)> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var host = await TestHost.StartAsync(_data.Path, settings);
        var api = new ApiClient(host);
        var token = await api.SignUpAndLogInAsync("owner@example.com");
        await api.SelectAsync(token);
        return (host, api, token);
    }

    private static async Task<(string Id, string Key, JsonElement Body)> CreateAsync(ApiClient api, string token, object restrictions, string name = "restricted")
    {
        var (status, body, _) = await api.PostAsync("/v1/keys", new { name, restrictions }, token);
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!, body);
    }

    [Fact]
    public async Task Address_ranges_admit_IPv4_IPv6_and_IPv4_mapped_clients_inside_them_and_refuse_others()
    {
        var (host, api, token) = await StartAsync();
        await using var owned = host;
        var (_, key, created) = await CreateAsync(api, token, new { ipRanges = new[] { "203.0.113.0/24", "2001:db8::/32", "198.51.100.7" } });
        created.GetProperty("restrictions").GetProperty("ipRanges").EnumerateArray().Select(e => e.GetString())
            .ShouldBe(["203.0.113.0/24", "2001:db8::/32", "198.51.100.7/32"]);

        foreach (var inside in new[] { "203.0.113.1", "203.0.113.255", "::ffff:203.0.113.9", "2001:db8::1", "2001:db8:ffff::42", "198.51.100.7" })
            (await CallAsync(host, key, new Client(inside))).Status.ShouldBe(200, inside);
        foreach (var outside in new[] { "203.0.114.1", "10.0.0.1", "::ffff:10.0.0.1", "2001:db9::1", "::1", "198.51.100.8" })
            ShouldBeRestricted(await CallAsync(host, key, new Client(outside)), "ip");
    }

    [Fact]
    public async Task Origins_admit_exact_and_subdomain_matches_with_CORS_headers_and_refuse_other_or_missing_origins()
    {
        var (host, api, token) = await StartAsync();
        await using var owned = host;
        var (_, key, _) = await CreateAsync(api, token, new { origins = new[] { "https://App.Example.com", "https://*.example.org", "http://localhost:3000" } });

        foreach (var origin in new[] { "https://app.example.com", "https://a.example.org", "https://a.b.example.org", "http://localhost:3000" })
        {
            var answer = await CallAsync(host, key, new Client(Origin: origin));
            answer.Status.ShouldBe(200, origin);
            answer.Header("Access-Control-Allow-Origin").ShouldBe(origin);
            answer.Header("Vary").ShouldContain("Origin");
            answer.Header("Access-Control-Expose-Headers").ShouldContain("RateLimit-Remaining");
        }
        foreach (var origin in new[] { "https://example.org", "http://a.example.org", "https://evil.example", "https://app.example.com:8443",
                     "https://a.example.org.evil.example", "http://localhost:3001", "null" })
        {
            var answer = await CallAsync(host, key, new Client(Origin: origin));
            ShouldBeRestricted(answer, "origin");
            answer.Header("Access-Control-Allow-Origin").ShouldBeEmpty(origin);
        }
        ShouldBeRestricted(await CallAsync(host, key, new Client(Origin: null)), "origin");
    }

    [Fact]
    public async Task User_agent_substrings_match_case_insensitively_and_a_missing_user_agent_is_refused()
    {
        var (host, api, token) = await StartAsync();
        await using var owned = host;
        var (_, key, _) = await CreateAsync(api, token, new { userAgents = new[] { "MyApp/", "indexer-bot" } });

        foreach (var agent in new[] { "MyApp/1.2 (linux)", "myapp/2", "Mozilla/5.0 Indexer-Bot/3" })
            (await CallAsync(host, key, new Client(UserAgent: agent))).Status.ShouldBe(200, agent);
        ShouldBeRestricted(await CallAsync(host, key, new Client(UserAgent: "curl/8.5")), "user_agent");
        ShouldBeRestricted(await CallAsync(host, key, new Client(UserAgent: null)), "user_agent");
    }

    [Fact]
    public async Task An_api_allowlist_admits_its_apis_and_refuses_the_others_of_the_network()
    {
        var (host, api, token) = await StartAsync();
        await using var owned = host;
        var (_, key, created) = await CreateAsync(api, token, new { apis = new[] { "Network-Info" } });
        created.GetProperty("restrictions").GetProperty("apis").EnumerateArray().Single().GetString().ShouldBe("network-info");

        (await CallAsync(host, key, new Client())).Status.ShouldBe(200);
        ShouldBeRestricted(await CallAsync(host, key, new Client(), LatestBlock), "api");
        (await CallAsync(host, key, new Client(), "/v1/kalp/testnet/no-such-api")).Code.ShouldBe("api_not_found");
    }

    [Fact]
    public async Task Every_restriction_together_admits_a_call_that_keeps_to_all_of_them()
    {
        var (host, api, token) = await StartAsync();
        await using var owned = host;
        var (_, key, _) = await CreateAsync(api, token, new
        {
            ipRanges = new[] { "203.0.113.0/24" },
            origins = new[] { "https://app.example.com" },
            userAgents = new[] { "MyApp" },
            apis = new[] { "network-info" },
        });
        var good = new Client("203.0.113.5", "https://app.example.com", "MyApp/1");

        (await CallAsync(host, key, good)).Status.ShouldBe(200);
        ShouldBeRestricted(await CallAsync(host, key, good with { Ip = "192.0.2.1" }), "ip");
        ShouldBeRestricted(await CallAsync(host, key, good with { Origin = "https://other.example.com" }), "origin");
        ShouldBeRestricted(await CallAsync(host, key, good with { UserAgent = "curl/8" }), "user_agent");
        ShouldBeRestricted(await CallAsync(host, key, good, LatestBlock), "api");
    }

    [Fact]
    public async Task A_preflight_on_a_chain_api_is_answered_for_any_origin_without_a_key()
    {
        var (host, _, _) = await StartAsync();
        await using var owned = host;
        var http = host.Server.CreateClient();

        foreach (var origin in new[] { "https://app.example.com", "https://anyone.example" })
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, Network);
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "GET");
            preflight.Headers.Add("Access-Control-Request-Headers", "x-api-key");
            var answer = await http.SendAsync(preflight);
            answer.StatusCode.ShouldBe(HttpStatusCode.NoContent);
            answer.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe(origin);
            answer.Headers.GetValues("Access-Control-Allow-Methods").Single().ShouldBe("GET");
            var allowed = answer.Headers.GetValues("Access-Control-Allow-Headers").Single().ToLowerInvariant();
            allowed.ShouldContain("x-api-key");
            allowed.ShouldContain("authorization");
            answer.Headers.Vary.ShouldContain("Origin");
            answer.Headers.Contains("Access-Control-Allow-Credentials").ShouldBeFalse();
        }

        // The real call without a key is still refused.
        using var real = new HttpRequestMessage(HttpMethod.Get, Network);
        real.Headers.Add("Origin", "https://anyone.example");
        (await http.SendAsync(real)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Forwarded_addresses_count_from_a_trusted_proxy_only()
    {
        var (host, api, token) = await StartAsync(new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies"] = "10.0.0.1" });
        await using var owned = host;
        var (_, key, _) = await CreateAsync(api, token, new { ipRanges = new[] { "203.0.113.0/24", "2001:db8::/32" } });

        (await CallAsync(host, key, new Client("10.0.0.1", ForwardedFor: "203.0.113.5"))).Status.ShouldBe(200);
        (await CallAsync(host, key, new Client("10.0.0.1", ForwardedFor: "2001:db8::5"))).Status.ShouldBe(200);
        ShouldBeRestricted(await CallAsync(host, key, new Client("10.0.0.1", ForwardedFor: "192.0.2.5")), "ip");
        ShouldBeRestricted(await CallAsync(host, key, new Client("10.0.0.9", ForwardedFor: "203.0.113.5")), "ip");
        // A client inside the range that writes a header itself is still itself.
        (await CallAsync(host, key, new Client("203.0.113.7", ForwardedFor: "192.0.2.5"))).Status.ShouldBe(200);
    }

    [Fact]
    public async Task An_edit_holds_from_the_next_call_and_null_keeps_while_an_empty_object_removes()
    {
        var (host, api, token) = await StartAsync();
        await using var owned = host;
        var (id, key) = await api.CreateKeyAsync(token, "edited");
        (await CallAsync(host, key, new Client())).Status.ShouldBe(200); // verified and cached

        var (status, body, _) = await api.SendAsync(HttpMethod.Patch, $"/v1/keys/{id}", new { restrictions = new { userAgents = new[] { "MyApp" } } }, token);
        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.GetProperty("restrictions").GetProperty("userAgents").EnumerateArray().Single().GetString().ShouldBe("MyApp");
        ShouldBeRestricted(await CallAsync(host, key, new Client()), "user_agent");
        (await CallAsync(host, key, new Client(UserAgent: "MyApp/1"))).Status.ShouldBe(200);

        (status, body, _) = await api.SendAsync(HttpMethod.Patch, $"/v1/keys/{id}", new { name = "renamed" }, token);
        status.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("restrictions").GetProperty("userAgents").GetArrayLength().ShouldBe(1, "left out: unchanged");
        ShouldBeRestricted(await CallAsync(host, key, new Client()), "user_agent");

        (status, body, _) = await api.SendAsync(HttpMethod.Patch, $"/v1/keys/{id}", new { restrictions = new { } }, token);
        status.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("restrictions").GetProperty("userAgents").GetArrayLength().ShouldBe(0);
        (await CallAsync(host, key, new Client())).Status.ShouldBe(200);

        var (_, read, _) = await api.GetAsync($"/v1/keys/{id}", token);
        foreach (var list in new[] { "ipRanges", "origins", "userAgents", "apis" })
            read.GetProperty("restrictions").GetProperty(list).GetArrayLength().ShouldBe(0, list);
    }

    [Fact]
    public async Task Restrictions_survive_a_restart_and_a_roll()
    {
        string id, key;
        {
            var (host, api, token) = await StartAsync();
            await using var owned = host;
            (id, key, _) = await CreateAsync(api, token, new { userAgents = new[] { "MyApp" } });
        }
        await using var again = await TestHost.StartAsync(_data.Path);
        ShouldBeRestricted(await CallAsync(again, key, new Client()), "user_agent");
        var api2 = new ApiClient(again);
        var token2 = await RejectionsLogTests.LogInAsync(api2, "owner@example.com");
        var (status, rolled, _) = await api2.PostAsync($"/v1/keys/{id}/roll", new { }, token2);
        status.ShouldBe(HttpStatusCode.Created, rolled.ToString());
        rolled.GetProperty("restrictions").GetProperty("userAgents").EnumerateArray().Single().GetString().ShouldBe("MyApp");
        ShouldBeRestricted(await CallAsync(again, rolled.GetProperty("key").GetString()!, new Client()), "user_agent");
    }

    [Theory]
    [InlineData("ipRanges", "10.0.0.1/8", "restrictions.ipRanges[0]")]
    [InlineData("ipRanges", "10.0.0.0/33", "restrictions.ipRanges[0]")]
    [InlineData("ipRanges", "example.com", "restrictions.ipRanges[0]")]
    [InlineData("origins", "https://app.example.com/", "restrictions.origins[0]")]
    [InlineData("origins", "app.example.com", "restrictions.origins[0]")]
    [InlineData("origins", "https://*", "restrictions.origins[0]")]
    [InlineData("origins", "https://*.com", "restrictions.origins[0]")]
    [InlineData("origins", "https://a.*.example.com", "restrictions.origins[0]")]
    [InlineData("origins", "ftp://app.example.com", "restrictions.origins[0]")]
    [InlineData("userAgents", "", "restrictions.userAgents[0]")]
    [InlineData("userAgents", "bad\u202Eagent", "restrictions.userAgents[0]")]
    [InlineData("apis", "no-such-api", "restrictions.apis[0]")]
    public async Task A_bad_entry_is_400_naming_it_and_creates_or_changes_nothing(string list, string entry, string field)
    {
        var (host, api, token) = await StartAsync();
        await using var owned = host;
        var restrictions = new Dictionary<string, string[]> { [list] = [entry] };

        var (status, body, _) = await api.PostAsync("/v1/keys", new { name = "bad", restrictions }, token);
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToString());
        body.Code().ShouldBe("validation_failed");
        body.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(body.ToString());
        var (_, keys, _) = await api.GetAsync("/v1/keys", token);
        keys.GetProperty("total").GetInt32().ShouldBe(0);

        var (id, key) = await api.CreateKeyAsync(token, "good");
        (status, body, _) = await api.SendAsync(HttpMethod.Patch, $"/v1/keys/{id}", new { name = "renamed", restrictions }, token);
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToString());
        body.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(body.ToString());
        var (_, read, _) = await api.GetAsync($"/v1/keys/{id}", token);
        read.GetProperty("name").GetString().ShouldBe("good");
        read.GetProperty("restrictions").GetProperty(list).GetArrayLength().ShouldBe(0);
        (await CallAsync(host, key, new Client())).Status.ShouldBe(200);
    }

    [Fact]
    public async Task A_list_over_fifty_entries_is_refused()
    {
        var (host, api, token) = await StartAsync();
        await using var owned = host;
        var agents = Enumerable.Range(0, 51).Select(i => $"agent-{i}").ToArray();

        var (status, body, _) = await api.PostAsync("/v1/keys", new { name = "many", restrictions = new { userAgents = agents } }, token);
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("errors").TryGetProperty("restrictions.userAgents", out _).ShouldBeTrue(body.ToString());
        (await api.PostAsync("/v1/keys", new { name = "fifty", restrictions = new { userAgents = agents[..50] } }, token)).Status
            .ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_refusal_is_in_the_rejections_log_with_its_restriction()
    {
        var (host, api, token) = await StartAsync();
        await using var owned = host;
        var (id, key, _) = await CreateAsync(api, token, new { ipRanges = new[] { "2001:db8::/32" }, userAgents = new[] { "MyApp" } });

        await host.ExecuteAndWaitAsync(async () =>
        {
            ShouldBeRestricted(await CallAsync(host, key, new Client("2001:db9::1", UserAgent: "MyApp")), "ip");
            ShouldBeRestricted(await CallAsync(host, key, new Client("2001:db8::1", UserAgent: "curl/8")), "user_agent");
            (await CallAsync(host, key, new Client("2001:db8::1", UserAgent: "MyApp"))).Status.ShouldBe(200);
        });

        var (status, page, _) = await api.GetAsync("/v1/usage/rejections", token);
        status.ShouldBe(HttpStatusCode.OK, page.ToString());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBe(2, page.ToString());
        items.ShouldAllBe(i => i.GetProperty("code").GetString() == "key_restricted" && i.GetProperty("keyId").GetString() == id &&
                               i.GetProperty("status").GetInt32() == 403);
        items.Single(i => i.GetProperty("restriction").GetString() == "ip").GetProperty("ip").GetString().ShouldBe("2001:db9::1");
        items.Single(i => i.GetProperty("restriction").GetString() == "user_agent").GetProperty("userAgent").GetString().ShouldBe("curl/8");
    }

    [Fact]
    public async Task A_change_of_restrictions_is_audited_with_before_and_after_and_a_repeat_is_not()
    {
        var audit = new RecordingAuditTrail();
        await using var host = await TestHost.StartAsync(_data.Path, replaceServices: s => s.AddSingleton<IAuditTrail>(audit));
        var api = new ApiClient(host);
        var token = await api.SignUpAndLogInAsync("owner@example.com");
        await api.SelectAsync(token);
        var (id, key) = await api.CreateKeyAsync(token, "audited");
        var restrictions = new { ipRanges = new[] { "203.0.113.0/24" }, userAgents = new[] { "MyApp" } };

        (await api.SendAsync(HttpMethod.Patch, $"/v1/keys/{id}", new { restrictions }, token)).Status.ShouldBe(HttpStatusCode.OK);
        (await api.SendAsync(HttpMethod.Patch, $"/v1/keys/{id}", new { restrictions }, token)).Status.ShouldBe(HttpStatusCode.OK);
        (await api.SendAsync(HttpMethod.Patch, $"/v1/keys/{id}", new { name = "renamed" }, token)).Status.ShouldBe(HttpStatusCode.OK);

        var entry = audit.Entries.Where(e => e.Action == AuditActions.KeyRestrictionsChanged).ShouldHaveSingleItem();
        entry.KeyId.ShouldBe(id);
        entry.ActorAccountId.ShouldNotBeNullOrEmpty();
        entry.Before!["restrictions"]!["ipRanges"]!.AsArray().Count.ShouldBe(0);
        entry.After!["restrictions"]!["ipRanges"]![0]!.GetValue<string>().ShouldBe("203.0.113.0/24");
        entry.After!["restrictions"]!["userAgents"]![0]!.GetValue<string>().ShouldBe("MyApp");
        var written = entry.Before.ToJsonString() + entry.After.ToJsonString();
        written.ShouldNotContain(key[9..17], Case.Sensitive, "no key material");
    }

    private sealed class RecordingAuditTrail : IAuditTrail
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<AuditEvent> _entries = new();

        public IReadOnlyList<AuditEvent> Entries => [.. _entries];

        public ValueTask RecordAsync(AuditEvent entry, CancellationToken cancellationToken)
        {
            _entries.Enqueue(entry);
            return ValueTask.CompletedTask;
        }
    }
}

using System.Text.Json;
using Host.Tests.Support;
using LiteDB;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Host.Tests.Audit;

/// <summary>Issue 17, audit log: what a whole flow records (actor, address, user agent, before/after), that nothing secret is
/// stored, filters and paging, append-only routes, retention and restarts.</summary>
public sealed class AuditLogTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_whole_flow_records_every_action_newest_first_with_actor_address_and_user_agent()
    {
        await using var host = await TestHost.StartAsync(_data.Path, clock: _clock);
        var flow = await AuditFlow.RunAsync(host, _clock);

        var (status, page) = await host.GetJsonAsync("/v1/audit?size=100", flow.LastAccessToken);
        status.ShouldBe(200, page.ToString());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        var expected = new (string Action, string? KeyId, string? Ip, string? Agent)[]
        {
            ("account.login", null, "198.51.100.9", "login/2"),
            ("key.expired", flow.ShortId, null, null),
            ("key.expired", flow.MainId, null, null),
            ("key.revoked", flow.DoomedId, "198.51.100.8", "revoke/1"),
            ("key.created", flow.DoomedId, "198.51.100.4", "create/3"),
            ("key.revealed", flow.RolledId, "198.51.100.7", "reveal/1"),
            ("key.rolled", flow.MainId, "198.51.100.6", "roll/1"),
            ("key.edited", flow.MainId, "198.51.100.5", "edit/1"),
            ("key.created", flow.ShortId, "198.51.100.4", "create/2"),
            ("key.created", flow.MainId, "198.51.100.4", "create/1"),
            ("account.login", null, "2001:db8::4", "login/1"),
            ("account.login_failed", null, "198.51.100.2", "failed/1"),
            ("account.created", null, "198.51.100.1", "signup/1"),
        };
        items.Select(i => (i.Text("action"), i.Text("keyId"))).ShouldBe(expected.Select(e => ((string?)e.Action, e.KeyId)), page.ToString());
        page.GetProperty("total").GetInt64().ShouldBe(expected.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var (item, want) = (items[i], expected[i]);
            item.Text("clientAddress").ShouldBe(want.Ip, want.Action);
            item.Text("userAgent").ShouldBe(want.Agent, want.Action);
            item.Text("id").ShouldNotBeNullOrEmpty();
            if (want.Action == "key.expired")
            {
                item.Text("actorAccountId").ShouldBeNull("the system ends a key");
                item.Text("actorEmail").ShouldBeNull();
            }
            else
            {
                item.Text("actorAccountId").ShouldBe(flow.AccountId, want.Action);
                item.Text("actorEmail").ShouldBe(AuditFlow.Email, want.Action);
            }
        }

        items[6].GetProperty("after").GetProperty("replacementKeyId").GetString().ShouldBe(flow.RolledId);
        items[6].Text("relatedKeyId").ShouldBe(flow.RolledId);
        items[7].GetProperty("before").GetProperty("name").GetString().ShouldBe("main");
        items[7].GetProperty("before").GetProperty("description").GetString().ShouldBe("first");
        items[7].GetProperty("after").GetProperty("name").GetString().ShouldBe("main-2");
        items[7].GetProperty("after").GetProperty("description").GetString().ShouldBe("edited");
        items[1].GetProperty("after").GetProperty("reason").GetString().ShouldBe("expires_at");
        items[2].GetProperty("after").GetProperty("reason").GetString().ShouldBe("grace_period_ended");
        DateTimeOffset.Parse(items[0].Text("at")!).ShouldBe(_clock.GetUtcNow());
    }

    [Fact]
    public async Task No_stored_entry_of_the_flow_holds_a_key_a_password_a_token_or_a_hash()
    {
        AuditFlow flow;
        await using (var host = await TestHost.StartAsync(_data.Path, clock: _clock))
            flow = await AuditFlow.RunAsync(host, _clock);

        using var database = new LiteDatabase(new ConnectionString { Filename = Path.Combine(_data.Path, "ksquery.db"), Connection = ConnectionType.Direct });
        var secrets = new List<string>(flow.Secrets);
        secrets.AddRange(database.GetCollection("keys_api_keys").FindAll().SelectMany(k => new[] { k["secretHash"].AsString, k["protectedKey"].AsString })
            .Where(s => !string.IsNullOrEmpty(s)));
        secrets.AddRange(database.GetCollection("keys_accounts").FindAll().Select(a => a["passwordHash"].AsString));
        // The secret part of every plaintext key too (everything after "ksq_test_"), in case a prefix were cut off.
        secrets.AddRange(flow.Secrets.Where(s => s.StartsWith("ksq_", StringComparison.Ordinal)).Select(s => s[9..]));
        secrets.Count.ShouldBeGreaterThan(15);

        var entries = database.GetCollection("keys_audit").FindAll().Select(d => LiteDB.JsonSerializer.Serialize(d)).ToList();
        entries.Count.ShouldBe(13);
        foreach (var entry in entries)
            foreach (var secret in secrets)
                entry.ShouldNotContain(secret, Case.Sensitive, $"an audit entry holds a secret: {entry}");
    }

    [Fact]
    public async Task Filters_by_key_actor_action_and_time_page_newest_first_and_show_only_the_callers_entries()
    {
        await using var host = await TestHost.StartAsync(_data.Path, clock: _clock);
        var start = _clock.GetUtcNow();
        var flow = await AuditFlow.RunAsync(host, _clock);
        var token = flow.LastAccessToken;

        async Task<List<JsonElement>> Items(string query, int total)
        {
            var (status, page) = await host.GetJsonAsync("/v1/audit?" + query, token);
            status.ShouldBe(200, page.ToString());
            page.GetProperty("total").GetInt64().ShouldBe(total, query);
            return page.GetProperty("items").EnumerateArray().ToList();
        }

        (await Items($"keyId={flow.MainId}&size=100", 4)).Select(i => i.Text("action"))
            .ShouldBe(["key.expired", "key.rolled", "key.edited", "key.created"], "the roll is also the replacement's");
        (await Items($"keyId={flow.RolledId}", 2)).Select(i => i.Text("action")).ShouldBe(["key.revealed", "key.rolled"]);
        (await Items("action=key.created", 3)).Select(i => i.Text("keyId")).ShouldBe([flow.DoomedId, flow.ShortId, flow.MainId]);
        (await Items($"actor={flow.AccountId}", 11)).ShouldAllBe(i => i.Text("actorAccountId") == flow.AccountId);
        var later = start.AddMinutes(1).ToString("O");
        (await Items($"from={Uri.EscapeDataString(later)}", 3)).Select(i => i.Text("action")).ShouldBe(["account.login", "key.expired", "key.expired"]);
        (await Items($"to={Uri.EscapeDataString(later)}", 10)).First().Text("action").ShouldBe("key.revoked");

        var first = await Items("size=5&page=1", 13);
        var third = await Items("size=5&page=3", 13);
        first.Count.ShouldBe(5);
        third.Count.ShouldBe(3);
        third.Last().Text("action").ShouldBe("account.created");
        first.Select(i => i.Text("id")).Intersect(third.Select(i => i.Text("id"))).ShouldBeEmpty();

        foreach (var bad in new[] { "keyId=not-a-key-id", "action=key.teleported", "from=yesterday", "page=0", "size=101", "from=2030-01-02&to=2030-01-01" })
        {
            var (status, problem) = await host.GetJsonAsync("/v1/audit?" + bad, token);
            status.ShouldBe(400, bad);
            problem.GetProperty("code").GetString().ShouldBe("validation_failed");
        }

        // Another account sees none of these, not even when it filters by the first account's key or id.
        await host.RequestAsync("POST", "/v1/accounts", new { email = "other@example.com", password = AuditFlow.Password });
        var (other, _) = await host.LogInAsync("other@example.com", AuditFlow.Password);
        foreach (var query in new[] { "size=100", $"keyId={flow.MainId}", $"actor={flow.AccountId}" })
        {
            var (status, page) = await host.GetJsonAsync("/v1/audit?" + query, other);
            status.ShouldBe(200);
            page.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.Text("actorAccountId") == null || i.Text("actorAccountId") != flow.AccountId);
            page.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.Text("keyId") == null);
        }
        (await host.RequestAsync("GET", "/v1/audit")).Status.ShouldBe(401);
    }

    [Fact]
    public async Task No_route_changes_or_deletes_an_entry()
    {
        await using var host = await TestHost.StartAsync(_data.Path, clock: _clock);
        var flow = await AuditFlow.RunAsync(host, _clock);
        var (_, before) = await host.GetJsonAsync("/v1/audit?size=100", flow.LastAccessToken);
        var id = before.GetProperty("items")[0].Text("id");

        var auditRoutes = host.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            // API routes only: the web console's page /audit is a GET of the console's HTML, not of the log.
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/v1/", StringComparison.Ordinal) &&
                        (raw.Contains("/audit", StringComparison.Ordinal) || raw.EndsWith("/activity", StringComparison.Ordinal)))
            .ToList();
        auditRoutes.Count.ShouldBe(2);
        foreach (var route in auditRoutes)
            route.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.ShouldBe(["GET"], route.RoutePattern.RawText);

        foreach (var method in new[] { "POST", "PUT", "PATCH", "DELETE" })
            foreach (var path in new[] { "/v1/audit", $"/v1/audit/{id}", $"/v1/keys/{flow.MainId}/activity" })
            {
                var (status, _) = await host.RequestAsync(method, path, new { action = "key.created" }, flow.LastAccessToken);
                status.ShouldBeOneOf(404, 405);
            }
        var (_, after) = await host.GetJsonAsync("/v1/audit?size=100", flow.LastAccessToken);
        after.GetProperty("items").ToString().ShouldBe(before.GetProperty("items").ToString());
    }

    [Fact]
    public async Task Retention_prunes_entries_older_than_the_period_and_keeps_the_rest()
    {
        var settings = new Dictionary<string, string?> { ["Audit:RetentionDays"] = "1" };
        await using var host = await TestHost.StartAsync(_data.Path, settings, _clock);
        (await host.RequestAsync("POST", "/v1/accounts", new { email = "old@example.com", password = AuditFlow.Password })).Status.ShouldBe(201);
        _clock.Advance(TimeSpan.FromHours(12));
        await host.LogInAsync("old@example.com", AuditFlow.Password, userAgent: "half-a-day-later/1");

        // A day and an hour after the sign-up: the maintenance timer has run, the sign-up is past the retention period.
        _clock.Advance(TimeSpan.FromHours(13));
        var (token, _) = await host.LogInAsync("old@example.com", AuditFlow.Password, userAgent: "a-day-later/1");
        var (status, page) = await host.GetJsonAsync("/v1/audit?size=100", token);
        status.ShouldBe(200, page.ToString());
        page.GetProperty("items").EnumerateArray().Select(i => (i.Text("action"), i.Text("userAgent")))
            .ShouldBe([("account.login", "a-day-later/1"), ("account.login", "half-a-day-later/1")], "the sign-up is past a day");
    }

    [Fact]
    public async Task An_expiry_pruned_by_retention_is_not_recorded_again_after_a_restart()
    {
        var settings = new Dictionary<string, string?> { ["Audit:RetentionDays"] = "1" };
        await using (var first = await TestHost.StartAsync(_data.Path, settings, _clock))
        {
            await first.RequestAsync("POST", "/v1/accounts", new { email = "expiry@example.com", password = AuditFlow.Password });
            var (token, _) = await first.LogInAsync("expiry@example.com", AuditFlow.Password);
            (await first.RequestAsync("PUT", "/v1/me/selection", new { chain = "kalp", network = "testnet" }, token)).Status.ShouldBe(200);
            var (status, created) = await first.RequestAsync("POST", "/v1/keys", new { name = "brief", expiresAt = _clock.GetUtcNow().AddMinutes(5) }, token);
            status.ShouldBe(201, created.ToString());
            _clock.Advance(TimeSpan.FromMinutes(10));
            (token, _) = await first.LogInAsync("expiry@example.com", AuditFlow.Password);
            (await first.GetJsonAsync("/v1/audit?action=key.expired", token)).Body.GetProperty("total").GetInt64().ShouldBe(1);
            _clock.Advance(TimeSpan.FromDays(2));
        }

        await using var second = await TestHost.StartAsync(_data.Path, settings, _clock);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var (again, _) = await second.LogInAsync("expiry@example.com", AuditFlow.Password);
        var (code, page) = await second.GetJsonAsync("/v1/audit?size=100", again);
        code.ShouldBe(200, page.ToString());
        page.GetProperty("items").EnumerateArray().Select(i => i.Text("action")).ShouldBe(["account.login"], page.ToString());
    }

    [Fact]
    public async Task Entries_survive_a_restart_of_the_host_on_the_same_data_directory()
    {
        string before, token;
        await using (var first = await TestHost.StartAsync(_data.Path, clock: _clock))
        {
            var flow = await AuditFlow.RunAsync(first, _clock);
            token = flow.LastAccessToken;
            var (_, page) = await first.GetJsonAsync("/v1/audit?size=100", token);
            before = page.ToString();
        }
        await using var second = await TestHost.StartAsync(_data.Path, clock: _clock);
        var (status, again) = await second.GetJsonAsync("/v1/audit?size=100", token);
        status.ShouldBe(200, again.ToString());
        again.GetProperty("total").GetInt64().ShouldBe(13);
        again.ToString().ShouldBe(before);
    }

    [Fact]
    public async Task A_retention_out_of_range_stops_the_start_naming_the_setting()
    {
        var error = await Should.ThrowAsync<Exception>(async () =>
        {
            await using var host = await TestHost.StartAsync(_data.Path, new Dictionary<string, string?> { ["Audit:RetentionDays"] = "0" });
        });
        error.ToString().ShouldContain("Audit:RetentionDays");
    }
}

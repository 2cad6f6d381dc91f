using Host.Tests.Support;
using Host.Tests.Usage;
using Microsoft.Extensions.Time.Testing;

namespace Host.Tests.Audit;

/// <summary><c>GET /v1/keys/{id}/activity</c>: one key's changes (audit log) and refusals (rejections log) on one timeline.</summary>
public sealed class KeyActivityTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_keys_changes_and_refusals_come_on_one_timeline_newest_first()
    {
        var plugins = TestPlugins.Install(Path.Combine(_data.Path, "plugins"), "SampleChain");
        await using var host = await TestHost.StartAsync(_data.Path, new Dictionary<string, string?> { ["KSQUERY_PLUGINS"] = plugins }, _clock);
        await host.RequestAsync("POST", "/v1/accounts", new { email = "timeline@example.com", password = AuditFlow.Password });
        var (token, _) = await host.LogInAsync("timeline@example.com", AuditFlow.Password);
        var (status, created) = await host.RequestAsync("POST", "/v1/keys", new { name = "sample", chain = "sample", network = "devnet" }, token,
            ip: "198.51.100.20", userAgent: "console/1");
        status.ShouldBe(201, created.ToString());
        var id = created.GetProperty("id").GetString()!;
        var key = created.GetProperty("key").GetString()!;
        var (_, other) = await host.RequestAsync("POST", "/v1/keys", new { name = "other", chain = "sample", network = "devnet" }, token);

        _clock.Advance(TimeSpan.FromSeconds(1));
        (await host.CallAsync("/v1/kalp/testnet/network", key, "198.51.100.21", "wrong-network/1")).Code.ShouldBe("key_scope_mismatch");
        (await host.CallAsync("/v1/kalp/testnet/network", other.GetProperty("key").GetString(), "198.51.100.29", "other-key/1"))
            .Code.ShouldBe("key_scope_mismatch");
        _clock.Advance(TimeSpan.FromSeconds(1));
        (status, _) = await host.RequestAsync("POST", $"/v1/keys/{id}/revoke", null, token, ip: "198.51.100.22", userAgent: "console/2");
        status.ShouldBe(200);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var revoked = await host.CallAsync("/v1/kalp/testnet/network", key, "2001:db8::23", "after-revoke/1");
        revoked.Code.ShouldBe("key_revoked");

        (status, var page) = await host.GetJsonAsync($"/v1/keys/{id}/activity", token);
        status.ShouldBe(200, page.ToString());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => (i.Text("kind"), i.Text("action") ?? i.Text("code"))).ShouldBe(
        [
            ("refusal", "key_revoked"),
            ("change", "key.revoked"),
            ("refusal", "key_scope_mismatch"),
            ("change", "key.created"),
        ], page.ToString());
        page.GetProperty("total").GetInt64().ShouldBe(4);
        items.Select(i => i.Text("clientAddress")).ShouldBe(["2001:db8::23", "198.51.100.22", "198.51.100.21", "198.51.100.20"]);
        items.Select(i => i.Text("userAgent")).ShouldBe(["after-revoke/1", "console/2", "wrong-network/1", "console/1"]);
        items[0].GetProperty("status").GetInt32().ShouldBe(401);
        items[0].Text("path").ShouldBe("/v1/kalp/testnet/network");
        items[2].GetProperty("status").GetInt32().ShouldBe(403);
        items[1].Text("actorEmail").ShouldBe("timeline@example.com");
        items.Select(i => DateTimeOffset.Parse(i.Text("at")!)).ShouldBeInOrder(SortDirection.Descending);

        (status, page) = await host.GetJsonAsync($"/v1/keys/{id}/activity?size=2&page=2", token);
        status.ShouldBe(200, page.ToString());
        page.GetProperty("items").EnumerateArray().Select(i => i.Text("action") ?? i.Text("code")).ShouldBe(["key_scope_mismatch", "key.created"]);
        var from = Uri.EscapeDataString(_clock.GetUtcNow().AddSeconds(-1).ToString("O"));
        (status, page) = await host.GetJsonAsync($"/v1/keys/{id}/activity?from={from}", token);
        page.GetProperty("items").EnumerateArray().Select(i => i.Text("action") ?? i.Text("code")).ShouldBe(["key_revoked", "key.revoked"]);
        (status, page) = await host.GetJsonAsync($"/v1/keys/{id}/activity?size=0", token);
        status.ShouldBe(400);
        page.GetProperty("code").GetString().ShouldBe("validation_failed");
    }

    [Fact]
    public async Task Another_accounts_key_or_an_unknown_id_answers_404_key_not_found()
    {
        await using var host = await TestHost.StartAsync(_data.Path, clock: _clock);
        await host.RequestAsync("POST", "/v1/accounts", new { email = "owner@example.com", password = AuditFlow.Password });
        var (owner, _) = await host.LogInAsync("owner@example.com", AuditFlow.Password);
        await host.RequestAsync("PUT", "/v1/me/selection", new { chain = "kalp", network = "testnet" }, owner);
        var (_, created) = await host.RequestAsync("POST", "/v1/keys", new { name = "mine" }, owner);
        var id = created.GetProperty("id").GetString()!;
        await host.RequestAsync("POST", "/v1/accounts", new { email = "stranger@example.com", password = AuditFlow.Password });
        var (stranger, _) = await host.LogInAsync("stranger@example.com", AuditFlow.Password);

        foreach (var (token, path) in new[] { (stranger, $"/v1/keys/{id}/activity"), (owner, "/v1/keys/nosuchkey/activity") })
        {
            var (status, problem) = await host.GetJsonAsync(path, token);
            status.ShouldBe(404, problem.ToString());
            problem.GetProperty("code").GetString().ShouldBe("key_not_found");
        }
        (await host.GetJsonAsync($"/v1/keys/{id}/activity", owner)).Status.ShouldBe(200);
    }
}

using System.Text.Json.Nodes;
using Keys.Tests.Support;
using static Keys.Tests.Support.KeysTestHost;

namespace Keys.Tests.Http;

public sealed class ApiKeyTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";
    private KeysTestHost _host = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _host = await StartAsync();
        _token = await _host.SignUpAndLoginAsync(password: Password);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonNode> CreateAsync(object body)
    {
        var response = await _host.SendAsync(HttpMethod.Post, "/v1/keys", body, _token);
        ((int)response.StatusCode).ShouldBe(201, await response.Content.ReadAsStringAsync());
        return await ReadAsync(response);
    }

    private Task<HttpResponseMessage> CallAsync(string? key, string path = "/v1/kalp/testnet/ping", bool asBearer = false) =>
        _host.SendAsync(HttpMethod.Get, path, configure: request =>
        {
            if (key is null)
                return;
            if (asBearer)
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            else
                request.Headers.Add("X-Api-Key", key);
        });

    [Fact]
    public async Task The_api_key_scheme_authenticates_endpoints_that_authorize_with_it()
    {
        await _host.SendAsync(HttpMethod.Put, "/v1/me/selection", new { chain = "kalp", network = "testnet" }, _token);
        var created = await CreateAsync(new { name = "scheme" });
        var key = created["key"]!.GetValue<string>();

        var ok = await CallAsync(key, "/v1/scheme/whoami");
        ((int)ok.StatusCode).ShouldBe(200);
        (await ok.Content.ReadAsStringAsync()).ShouldBe(created["id"]!.GetValue<string>());
        ((int)(await CallAsync(null, "/v1/scheme/whoami")).StatusCode).ShouldBe(401);
        ((int)(await CallAsync(key[..^1] + (key[^1] == 'a' ? 'b' : 'a'), "/v1/scheme/whoami")).StatusCode).ShouldBe(401);
    }

    [Fact]
    public async Task Create_needs_a_selection_or_an_explicit_network()
    {
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Post, "/v1/keys", new { name = "main" }, _token), 400, "selection_required");

        var live = await CreateAsync(new { name = "live", chain = "Kalp", network = "MainNet" });
        live["key"]!.GetValue<string>().ShouldStartWith("ksq_live_");
        live["chain"]!.GetValue<string>().ShouldBe("kalp");
        live["network"]!.GetValue<string>().ShouldBe("mainnet");

        await _host.SendAsync(HttpMethod.Put, "/v1/me/selection", new { chain = "kalp", network = "testnet" }, _token);
        var test = await CreateAsync(new { name = "main", description = "for the indexer", monthlyQuota = 1000 });
        test["key"]!.GetValue<string>().ShouldStartWith("ksq_test_");
        test["network"]!.GetValue<string>().ShouldBe("testnet");
        test["status"]!.GetValue<string>().ShouldBe("active");
        test["rateLimitPerSecond"]!.GetValue<int>().ShouldBe(100);
        test["monthlyQuota"]!.GetValue<long>().ShouldBe(1000);
        test["recoverable"]!.GetValue<bool>().ShouldBeFalse();
        var key = test["key"]!.GetValue<string>();
        test["display"]!.GetValue<string>().ShouldBe($"ksq_test_{key[9..13]}…{key[^4..]}");
    }

    [Fact]
    public async Task Create_answers_location_and_validates_fields()
    {
        var response = await _host.SendAsync(HttpMethod.Post, "/v1/keys", new { name = "main", chain = "kalp", network = "testnet" }, _token);
        var body = await ReadAsync(response);
        response.Headers.Location!.OriginalString.ShouldBe($"/v1/keys/{body["id"]!.GetValue<string>()}");

        var invalid = await _host.SendAsync(HttpMethod.Post, "/v1/keys", new
        {
            name = new string('x', 65),
            description = new string('d', 257),
            chain = "kalp",
            network = "testnet",
            expiresAt = DateTimeOffset.UtcNow.AddDays(-1),
            rateLimitPerSecond = 0,
            monthlyQuota = 1_000_000_000_001,
        }, _token);
        await ShouldBeProblemAsync(invalid, 400, "validation_failed");
        var errors = (await ReadAsync(invalid))["errors"]!.AsObject();
        errors.Select(e => e.Key).Order().ShouldBe(["description", "expiresAt", "monthlyQuota", "name", "rateLimitPerSecond"]);

        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Post, "/v1/keys", new { name = "MAIN", chain = "kalp", network = "testnet" }, _token), 409, "key_name_taken");
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Post, "/v1/keys", new { name = "x", chain = "nope", network = "testnet" }, _token), 404, "chain_not_found");
    }

    [Fact]
    public async Task Keys_are_listed_and_read_masked_and_only_by_their_owner()
    {
        var created = await CreateAsync(new { name = "main", chain = "kalp", network = "testnet" });
        var id = created["id"]!.GetValue<string>();
        var plaintext = created["key"]!.GetValue<string>();

        var listText = await (await _host.SendAsync(HttpMethod.Get, "/v1/keys", token: _token)).Content.ReadAsStringAsync();
        listText.ShouldNotContain(plaintext);
        listText.ShouldNotContain("argon2");
        var list = JsonNode.Parse(listText)!;
        list["total"]!.GetValue<long>().ShouldBe(1);
        list["page"]!.GetValue<int>().ShouldBe(1);
        list["size"]!.GetValue<int>().ShouldBe(20);
        var item = list["items"]![0]!.AsObject();
        item.ContainsKey("key").ShouldBeFalse();
        item.ContainsKey("lastUsedAt").ShouldBeTrue();
        item["display"]!.GetValue<string>().ShouldBe(created["display"]!.GetValue<string>());

        var one = await _host.SendAsync(HttpMethod.Get, $"/v1/keys/{id}", token: _token);
        ((int)one.StatusCode).ShouldBe(200);
        (await one.Content.ReadAsStringAsync()).ShouldNotContain(plaintext);

        var other = await _host.SignUpAndLoginAsync("other@example.com");
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Get, $"/v1/keys/{id}", token: other), 404, "key_not_found");
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Post, $"/v1/keys/{id}/revoke", token: other), 404, "key_not_found");
        (await ReadAsync(await _host.SendAsync(HttpMethod.Get, "/v1/keys", token: other)))["total"]!.GetValue<long>().ShouldBe(0);

        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Get, "/v1/keys?status=bogus&size=0", token: _token), 400, "validation_failed");
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Get, "/v1/keys?page=abc", token: _token), 400, "validation_failed");
    }

    [Fact]
    public async Task A_key_authenticates_keyed_calls_until_revoked()
    {
        var created = await CreateAsync(new { name = "main", chain = "kalp", network = "testnet", rateLimitPerSecond = 7 });
        var key = created["key"]!.GetValue<string>();
        var id = created["id"]!.GetValue<string>();

        var ok = await CallAsync(key);
        ((int)ok.StatusCode).ShouldBe(200);
        (await ok.Content.ReadAsStringAsync()).ShouldBe($"{id} kalp/testnet 7");
        ((int)(await CallAsync(key, asBearer: true)).StatusCode).ShouldBe(200);

        await ShouldBeProblemAsync(await CallAsync(null), 401, "key_missing");
        await ShouldBeProblemAsync(await CallAsync(key[..^1] + (key[^1] == 'a' ? 'b' : 'a')), 401, "key_invalid");
        await ShouldBeProblemAsync(await CallAsync("hello"), 401, "key_invalid");
        await ShouldBeProblemAsync(await CallAsync(_token, asBearer: true), 401, "key_invalid");
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Get, $"/v1/kalp/testnet/ping?apiKey={Uri.EscapeDataString(key)}"), 401, "key_missing");

        var revoked = await _host.SendAsync(HttpMethod.Post, $"/v1/keys/{id}/revoke", token: _token);
        ((int)revoked.StatusCode).ShouldBe(200);
        (await ReadAsync(revoked))["status"]!.GetValue<string>().ShouldBe("revoked");
        _host.Bus.Published.ShouldContain(m => m is KsQuery.Modules.Keys.Authentication.ApiKeyRevoked);

        await ShouldBeProblemAsync(await CallAsync(key), 401, "key_revoked");
        ((int)(await _host.SendAsync(HttpMethod.Post, $"/v1/keys/{id}/revoke", token: _token)).StatusCode).ShouldBe(200);

        // The name is free again once the key is revoked.
        await CreateAsync(new { name = "main", chain = "kalp", network = "testnet" });
        (await ReadAsync(await _host.SendAsync(HttpMethod.Get, "/v1/keys?status=revoked", token: _token)))["total"]!.GetValue<long>().ShouldBe(1);
        (await ReadAsync(await _host.SendAsync(HttpMethod.Get, "/v1/keys?status=active", token: _token)))["total"]!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public async Task Expired_key_is_refused()
    {
        var created = await CreateAsync(new { name = "short", chain = "kalp", network = "testnet", expiresAt = _host.Time.GetUtcNow().AddMinutes(5) });
        var key = created["key"]!.GetValue<string>();
        ((int)(await CallAsync(key)).StatusCode).ShouldBe(200);

        _host.Time.Advance(TimeSpan.FromMinutes(5));

        await ShouldBeProblemAsync(await CallAsync(key), 401, "key_expired");
        (await ReadAsync(await _host.SendAsync(HttpMethod.Get, $"/v1/keys/{created["id"]}", token: _token)))["status"]!.GetValue<string>().ShouldBe("expired");
    }

    [Fact]
    public async Task Patch_renames_and_describes()
    {
        var a = await CreateAsync(new { name = "a", chain = "kalp", network = "testnet", description = "old" });
        await CreateAsync(new { name = "b", chain = "kalp", network = "testnet" });
        var id = a["id"]!.GetValue<string>();

        var patched = await _host.SendAsync(HttpMethod.Patch, $"/v1/keys/{id}", new { name = "renamed" }, _token);
        ((int)patched.StatusCode).ShouldBe(200);
        var body = await ReadAsync(patched);
        body["name"]!.GetValue<string>().ShouldBe("renamed");
        body["description"]!.GetValue<string>().ShouldBe("old");

        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Patch, $"/v1/keys/{id}", new { name = "B" }, _token), 409, "key_name_taken");
        (await ReadAsync(await _host.SendAsync(HttpMethod.Patch, $"/v1/keys/{id}", new { description = "" }, _token)))["description"].ShouldBeNull();
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Patch, "/v1/keys/unknown", new { name = "x" }, _token), 404, "key_not_found");
    }

    [Fact]
    public async Task Roll_issues_a_new_key_and_retires_the_old_one_after_the_grace_period()
    {
        var old = await CreateAsync(new { name = "main", chain = "kalp", network = "testnet", rateLimitPerSecond = 9, monthlyQuota = 50 });
        var oldKey = old["key"]!.GetValue<string>();
        var oldId = old["id"]!.GetValue<string>();
        await _host.SendAsync(HttpMethod.Put, "/v1/me/selection", new { chain = "kalp", network = "testnet", activeKeyId = oldId }, _token);
        ((int)(await CallAsync(oldKey)).StatusCode).ShouldBe(200);

        var rolled = await _host.SendAsync(HttpMethod.Post, $"/v1/keys/{oldId}/roll", new { gracePeriodSeconds = 60 }, _token);
        ((int)rolled.StatusCode).ShouldBe(201);
        var fresh = await ReadAsync(rolled);
        var newKey = fresh["key"]!.GetValue<string>();
        newKey.ShouldNotBe(oldKey);
        fresh["name"]!.GetValue<string>().ShouldBe("main");
        fresh["rateLimitPerSecond"]!.GetValue<int>().ShouldBe(9);
        fresh["monthlyQuota"]!.GetValue<long>().ShouldBe(50);
        (await ReadAsync(await _host.SendAsync(HttpMethod.Get, "/v1/me", token: _token)))["selection"]!["activeKeyId"]!.GetValue<string>()
            .ShouldBe(fresh["id"]!.GetValue<string>());

        ((int)(await CallAsync(oldKey)).StatusCode).ShouldBe(200);
        ((int)(await CallAsync(newKey)).StatusCode).ShouldBe(200);
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Post, $"/v1/keys/{oldId}/roll", token: _token), 409, "key_not_active");

        _host.Time.Advance(TimeSpan.FromSeconds(60));
        await ShouldBeProblemAsync(await CallAsync(oldKey), 401, "key_revoked");
        ((int)(await CallAsync(newKey)).StatusCode).ShouldBe(200);
        (await ReadAsync(await _host.SendAsync(HttpMethod.Get, $"/v1/keys/{oldId}", token: _token)))["status"]!.GetValue<string>().ShouldBe("revoked");
    }

    [Fact]
    public async Task Roll_without_grace_revokes_at_once_and_validates_the_period()
    {
        var old = await CreateAsync(new { name = "main", chain = "kalp", network = "testnet" });
        var oldKey = old["key"]!.GetValue<string>();
        ((int)(await CallAsync(oldKey)).StatusCode).ShouldBe(200);

        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Post, $"/v1/keys/{old["id"]}/roll", new { gracePeriodSeconds = 604801 }, _token), 400, "validation_failed");
        ((int)(await _host.SendAsync(HttpMethod.Post, $"/v1/keys/{old["id"]}/roll", new { }, _token)).StatusCode).ShouldBe(201);

        await ShouldBeProblemAsync(await CallAsync(oldKey), 401, "key_revoked");
    }

    [Fact]
    public async Task Reveal_returns_the_plaintext_of_recoverable_keys_only()
    {
        var recoverable = await CreateAsync(new { name = "r", chain = "kalp", network = "testnet", recoverable = true });
        var plain = await CreateAsync(new { name = "p", chain = "kalp", network = "testnet" });

        var revealed = await _host.SendAsync(HttpMethod.Post, $"/v1/keys/{recoverable["id"]}/reveal", new { password = Password }, _token);
        ((int)revealed.StatusCode).ShouldBe(200);
        (await ReadAsync(revealed))["key"]!.GetValue<string>().ShouldBe(recoverable["key"]!.GetValue<string>());

        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Post, $"/v1/keys/{recoverable["id"]}/reveal", new { password = "wrong password" }, _token), 401, "invalid_credentials");
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Post, $"/v1/keys/{plain["id"]}/reveal", new { password = Password }, _token), 409, "key_not_recoverable");

        await _host.SendAsync(HttpMethod.Post, $"/v1/keys/{recoverable["id"]}/revoke", token: _token);
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Post, $"/v1/keys/{recoverable["id"]}/reveal", new { password = Password }, _token), 409, "key_not_recoverable");
    }

    [Fact]
    public async Task Active_key_of_the_selection_must_be_an_active_key_of_that_network()
    {
        var live = await CreateAsync(new { name = "live", chain = "kalp", network = "mainnet" });
        var test = await CreateAsync(new { name = "test", chain = "kalp", network = "testnet" });

        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Put, "/v1/me/selection", new { chain = "kalp", network = "testnet", activeKeyId = live["id"]!.GetValue<string>() }, _token), 400, "validation_failed");
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Put, "/v1/me/selection", new { chain = "kalp", network = "testnet", activeKeyId = "missing" }, _token), 404, "key_not_found");
        ((int)(await _host.SendAsync(HttpMethod.Put, "/v1/me/selection", new { chain = "kalp", network = "testnet", activeKeyId = test["id"]!.GetValue<string>() }, _token)).StatusCode).ShouldBe(200);

        await _host.SendAsync(HttpMethod.Post, $"/v1/keys/{test["id"]}/revoke", token: _token);
        (await ReadAsync(await _host.SendAsync(HttpMethod.Get, "/v1/me", token: _token)))["selection"]!["activeKeyId"].ShouldBeNull();
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Put, "/v1/me/selection", new { chain = "kalp", network = "testnet", activeKeyId = test["id"]!.GetValue<string>() }, _token), 400, "validation_failed");
    }
}

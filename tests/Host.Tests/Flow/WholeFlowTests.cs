using System.Net;
using System.Text.Json;
using Host.Tests.Support;
using Wolverine.Tracking;

namespace Host.Tests.Flow;

/// <summary>The product's whole flow over HTTP against the real host (issue #2's acceptance).</summary>
public sealed class WholeFlowTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private IAlbaHost _host = null!;
    private ApiClient _api = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(_data.Path);
        _api = new ApiClient(_host);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Sign_up_select_create_key_call_apis_revoke_and_read_usage()
    {
        var token = await _api.SignUpAndLogInAsync("dev@example.com");

        var (chainsStatus, chains, _) = await _api.GetAsync("/v1/chains");
        chainsStatus.ShouldBe(HttpStatusCode.OK);
        var byId = chains.EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        byId["kalp"].GetProperty("status").GetString().ShouldBe("available");
        byId["kalp"].GetProperty("name").GetString().ShouldBe("KALP DLT");
        byId["ethereum"].GetProperty("status").GetString().ShouldBe("coming-soon");
        byId["binance"].GetProperty("status").GetString().ShouldBe("coming-soon");

        await _api.SelectAsync(token, "kalp", "testnet");
        var (meStatus, me, _) = await _api.GetAsync("/v1/me", token);
        meStatus.ShouldBe(HttpStatusCode.OK);
        me.GetProperty("selection").GetProperty("chain").GetString().ShouldBe("kalp");
        me.GetProperty("selection").GetProperty("network").GetString().ShouldBe("testnet");

        var (createStatus, created, _) = await _api.PostAsync("/v1/keys", new { name = "tradingbot", description = "API key for tradingbot" }, token);
        createStatus.ShouldBe(HttpStatusCode.Created, created.ToString());
        var keyId = created.GetProperty("id").GetString()!;
        var key = created.GetProperty("key").GetString()!;
        key.ShouldStartWith("ksq_test_");
        created.GetProperty("chain").GetString().ShouldBe("kalp");
        created.GetProperty("network").GetString().ShouldBe("testnet");
        created.GetProperty("description").GetString().ShouldBe("API key for tradingbot");

        var (catalogStatus, catalog, _) = await _api.GetAsync("/v1/chains/kalp/networks/testnet/apis");
        catalogStatus.ShouldBe(HttpStatusCode.OK);
        var apis = catalog.GetProperty("apis").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!);
        apis.Keys.ShouldContain("network-info");
        apis["block"].GetProperty("path").GetString().ShouldBe("/v1/kalp/testnet/blocks/{number}");

        await _host.ExecuteAndWaitAsync(async () =>
        {
            var (networkStatus, network, networkResponse) = await _api.GetAsync("/v1/kalp/testnet/network", apiKey: key);
            networkStatus.ShouldBe(HttpStatusCode.OK, network.ToString());
            network.GetProperty("channel").GetString().ShouldBe("kalptantra");

            var (blockStatus, block, _) = await _api.GetAsync("/v1/kalp/testnet/blocks/1", apiKey: key);
            blockStatus.ShouldBe(HttpStatusCode.OK, block.ToString());
            block.GetProperty("number").GetInt64().ShouldBe(1);
        });

        var (listStatus, list, listResponse) = await _api.GetAsync("/v1/keys?status=all", token);
        listStatus.ShouldBe(HttpStatusCode.OK);
        var listed = list.GetProperty("items").EnumerateArray().Single();
        listed.GetProperty("name").GetString().ShouldBe("tradingbot");
        listed.TryGetProperty("key", out _).ShouldBeFalse();
        listed.GetProperty("display").GetString()!.ShouldContain("…");
        (await listResponse.Content.ReadAsStringAsync()).ShouldNotContain(key[9..]);

        var (revokeStatus, revoked, _) = await _api.PostAsync($"/v1/keys/{keyId}/revoke", null, token);
        revokeStatus.ShouldBe(HttpStatusCode.OK);
        revoked.GetProperty("status").GetString().ShouldBe("revoked");

        await _host.ExecuteAndWaitAsync(async () =>
        {
            var (afterStatus, after, _) = await _api.GetAsync("/v1/kalp/testnet/network", apiKey: key);
            afterStatus.ShouldBe(HttpStatusCode.Unauthorized);
            after.Code().ShouldBe("key_revoked");
        });

        var (usageStatus, usage, _) = await _api.GetAsync($"/v1/keys/{keyId}/usage", token);
        usageStatus.ShouldBe(HttpStatusCode.OK, usage.ToString());
        usage.GetProperty("requests").GetInt64().ShouldBe(3);
        usage.GetProperty("errors").GetInt64().ShouldBe(1);
        var byApi = usage.GetProperty("byApi").EnumerateArray().ToDictionary(a => a.GetProperty("apiId").GetString()!, a => a.GetProperty("requests").GetInt64());
        byApi["network-info"].ShouldBe(2);
        byApi["block"].ShouldBe(1);

        var (keyStatus, keyDetail, _) = await _api.GetAsync($"/v1/keys/{keyId}", token);
        keyStatus.ShouldBe(HttpStatusCode.OK);
        keyDetail.GetProperty("status").GetString().ShouldBe("revoked");
        keyDetail.GetProperty("usage").GetProperty("requests").GetInt64().ShouldBe(3);
        keyDetail.GetProperty("lastUsedAt").ValueKind.ShouldBe(JsonValueKind.String);
    }
}

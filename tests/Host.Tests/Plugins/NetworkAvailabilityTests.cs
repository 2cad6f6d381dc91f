using System.Net;
using Host.Tests.Support;

namespace Host.Tests.Plugins;

/// <summary>One plugin assembly serves two chains (EvmChain: polygon and avalanche) and lists a network as coming soon
/// when its upstream is not configured; the plugin's chains replace the coming-soon entries of Chains:ComingSoon.</summary>
public sealed class NetworkAvailabilityTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private IAlbaHost _host = null!;
    private ApiClient _api = null!;

    public async Task InitializeAsync()
    {
        var plugins = TestPlugins.Install(Path.Combine(_data.Path, "plugins"), "EvmChain");
        _host = await TestHost.StartAsync(_data.Path, new Dictionary<string, string?>
        {
            ["KSQUERY_PLUGINS"] = plugins,
            ["Plugins:polygon:Networks:amoy:Url"] = "http://127.0.0.1:9/",
            // An operator's coming-soon entry for a chain the plugin serves: the plugin's entry replaces it.
            ["Chains:ComingSoon:0:Id"] = "polygon",
            ["Chains:ComingSoon:0:Name"] = "Polygon (soon)",
            ["Chains:ComingSoon:0:Networks:0:Id"] = "mainnet",
        });
        _api = new ApiClient(_host);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_network_without_its_upstream_is_listed_coming_soon_by_its_plugin()
    {
        var (_, chains, _) = await _api.GetAsync("/v1/chains");
        chains.EnumerateArray().Select(c => c.GetProperty("id").GetString()).ShouldBe(["kalp", "binance", "ethereum", "polygon", "avalanche"], ignoreOrder: true);
        string Status(string chain, string? network = null)
        {
            var entry = chains.EnumerateArray().Single(c => c.GetProperty("id").GetString() == chain);
            return network is null
                ? entry.GetProperty("status").GetString()!
                : entry.GetProperty("networks").EnumerateArray().Single(n => n.GetProperty("id").GetString() == network).GetProperty("status").GetString()!;
        }
        chains.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "polygon").GetProperty("name").GetString().ShouldBe("Polygon");
        Status("polygon").ShouldBe("available");
        Status("polygon", "amoy").ShouldBe("available");
        Status("polygon", "mainnet").ShouldBe("coming-soon");
        Status("avalanche").ShouldBe("coming-soon");
        Status("avalanche", "fuji").ShouldBe("coming-soon");

        var (catalogStatus, catalog, _) = await _api.GetAsync("/v1/chains/avalanche/networks/fuji/apis");
        catalogStatus.ShouldBe(HttpStatusCode.Conflict);
        catalog.Code().ShouldBe("chain_not_available");

        var token = await _api.SignUpAndLogInAsync("evm@example.com");
        var (refused, _, _) = await _api.SendAsync(HttpMethod.Put, "/v1/me/selection", new { chain = "polygon", network = "mainnet" }, bearer: token);
        refused.ShouldBe(HttpStatusCode.Conflict);
        await _api.SelectAsync(token, "polygon", "amoy");
        var (_, key) = await _api.CreateKeyAsync(token, "evm-bot");
        var (status, height, _) = await _api.GetAsync("/v1/polygon/amoy/height", apiKey: key);
        status.ShouldBe(HttpStatusCode.OK, height.ToString());
        height.GetProperty("number").GetInt64().ShouldBe(7);
    }
}

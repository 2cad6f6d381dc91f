using System.Net;
using Host.Tests.Support;

namespace Host.Tests.Plugins;

/// <summary>One plugin assembly serves two chains (EvmChain: ethereum and binance) and lists a network as coming soon
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
            ["Plugins:ethereum:Networks:sepolia:Url"] = "http://127.0.0.1:9/",
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
        chains.EnumerateArray().Select(c => c.GetProperty("id").GetString()).ShouldBe(["kalp", "binance", "ethereum"], ignoreOrder: true);
        string Status(string chain, string? network = null)
        {
            var entry = chains.EnumerateArray().Single(c => c.GetProperty("id").GetString() == chain);
            return network is null
                ? entry.GetProperty("status").GetString()!
                : entry.GetProperty("networks").EnumerateArray().Single(n => n.GetProperty("id").GetString() == network).GetProperty("status").GetString()!;
        }
        Status("ethereum").ShouldBe("available");
        Status("ethereum", "sepolia").ShouldBe("available");
        Status("ethereum", "mainnet").ShouldBe("coming-soon");
        Status("binance").ShouldBe("coming-soon");
        Status("binance", "testnet").ShouldBe("coming-soon");

        var (catalogStatus, catalog, _) = await _api.GetAsync("/v1/chains/binance/networks/testnet/apis");
        catalogStatus.ShouldBe(HttpStatusCode.Conflict);
        catalog.Code().ShouldBe("chain_not_available");

        var token = await _api.SignUpAndLogInAsync("evm@example.com");
        var (refused, _, _) = await _api.SendAsync(HttpMethod.Put, "/v1/me/selection", new { chain = "ethereum", network = "mainnet" }, bearer: token);
        refused.ShouldBe(HttpStatusCode.Conflict);
        await _api.SelectAsync(token, "ethereum", "sepolia");
        var (_, key) = await _api.CreateKeyAsync(token, "evm-bot");
        var (status, height, _) = await _api.GetAsync("/v1/ethereum/sepolia/height", apiKey: key);
        status.ShouldBe(HttpStatusCode.OK, height.ToString());
        height.GetProperty("number").GetInt64().ShouldBe(7);
    }
}

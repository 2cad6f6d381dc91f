using System.Net;
using System.Text.Json;
using Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Host.Tests.Plugins;

/// <summary>One plugin assembly serves two chains (EvmChain: polygon and avalanche) and lists a network as coming soon
/// when its upstream is not configured; the plugin's chains replace the coming-soon entries of Chains:ComingSoon. Each
/// network's health (IChainPlugin.CheckNetworkHealthAsync) shows in /v1/chains, /health and the start's log, and an
/// unhealthy network never makes /health answer 503.</summary>
public sealed class NetworkAvailabilityTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private IAlbaHost _host = null!;
    private ApiClient _api = null!;
    private readonly CapturedLogs _logs = new();

    public async Task InitializeAsync()
    {
        var plugins = TestPlugins.Install(Path.Combine(_data.Path, "plugins"), "EvmChain");
        _host = await TestHost.StartAsync(_data.Path, new Dictionary<string, string?>
        {
            ["KSQUERY_PLUGINS"] = plugins,
            ["Plugins:polygon:Networks:amoy:Url"] = "http://127.0.0.1:9/",
            ["Plugins:polygon:Networks:amoy:Fault"] = "eth_chainId answered 5, expected 80002",
            // An operator's coming-soon entry for a chain the plugin serves: the plugin's entry replaces it.
            ["Chains:ComingSoon:0:Id"] = "polygon",
            ["Chains:ComingSoon:0:Name"] = "Polygon (soon)",
            ["Chains:ComingSoon:0:Networks:0:Id"] = "mainnet",
        }, replaceServices: services => services.AddSingleton<ILoggerProvider>(_logs));
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

    private static JsonElement Chain(JsonElement chains, string id) =>
        chains.EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);

    private static JsonElement Network(JsonElement chain, string id) =>
        chain.GetProperty("networks").EnumerateArray().Single(n => n.GetProperty("id").GetString() == id);

    private static (string? Health, string? Detail) HealthOf(JsonElement entry) =>
        (entry.GetProperty("health").GetString(), entry.GetProperty("healthDetail").GetString());

    [Fact]
    public async Task Each_network_shows_the_health_its_plugin_reports_in_the_chain_list()
    {
        var (status, chains, _) = await _api.GetAsync("/v1/chains");
        status.ShouldBe(HttpStatusCode.OK);

        var polygon = Chain(chains, "polygon");
        HealthOf(polygon).ShouldBe(("healthy", null));
        Network(polygon, "amoy").GetProperty("status").GetString().ShouldBe("available");
        HealthOf(Network(polygon, "amoy")).ShouldBe(("unhealthy", "eth_chainId answered 5, expected 80002"));
        Network(polygon, "mainnet").GetProperty("status").GetString().ShouldBe("coming-soon");
        HealthOf(Network(polygon, "mainnet")).ShouldBe(("unhealthy", "not configured: set Plugins:polygon:Networks:mainnet:Url"));

        var avalanche = Chain(chains, "avalanche");
        avalanche.GetProperty("status").GetString().ShouldBe("coming-soon");
        HealthOf(avalanche).ShouldBe(("healthy", null));
        HealthOf(Network(avalanche, "fuji")).ShouldBe(("unhealthy", "not configured: set Plugins:avalanche:Networks:fuji:Url"));

        var kalp = Chain(chains, "kalp");
        HealthOf(kalp).ShouldBe(("healthy", null));
        HealthOf(Network(kalp, "testnet")).ShouldBe(("healthy", null));
    }

    [Fact]
    public async Task Health_names_each_network_and_an_unhealthy_one_leaves_the_service_healthy()
    {
        var (status, health, _) = await _api.GetAsync("/health");
        status.ShouldBe(HttpStatusCode.OK, health.ToString());
        health.GetProperty("status").GetString().ShouldBe("healthy");
        var plugins = health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "plugins");
        plugins.GetProperty("status").GetString().ShouldBe("degraded");
        plugins.GetProperty("polygon").GetString().ShouldBe("healthy");
        plugins.GetProperty("polygon/amoy").GetString().ShouldBe("unhealthy: eth_chainId answered 5, expected 80002");
        plugins.GetProperty("polygon/mainnet").GetString().ShouldBe("coming-soon: not configured: set Plugins:polygon:Networks:mainnet:Url");
        plugins.GetProperty("avalanche/mainnet").GetString().ShouldBe("coming-soon: not configured: set Plugins:avalanche:Networks:mainnet:Url");
        plugins.GetProperty("avalanche/fuji").GetString().ShouldBe("coming-soon: not configured: set Plugins:avalanche:Networks:fuji:Url");
        plugins.GetProperty("kalp").GetString().ShouldBe("healthy");
        plugins.GetProperty("kalp/testnet").GetString().ShouldBe("healthy");
    }

    [Fact]
    public void The_start_logs_each_network_that_cannot_serve_with_why()
    {
        var messages = _logs.Entries.Where(e => e.Category == "KsQuery.Plugins.polygon").ToList();
        messages.ShouldContain(e => e.Level == LogLevel.Information
            && e.Message == "Chain plugin polygon lists network mainnet as coming soon: not configured: set Plugins:polygon:Networks:mainnet:Url");
        messages.ShouldContain(e => e.Level == LogLevel.Warning
            && e.Message == "Chain plugin polygon reports network amoy unhealthy: eth_chainId answered 5, expected 80002");
        _logs.Entries.ShouldNotContain(e => e.Category == "KsQuery.Plugins.kalp" && e.Level >= LogLevel.Warning);
    }
}

using System.Net;
using Host.Tests.Support;

namespace Host.Tests.Plugins;

/// <summary>A drop-in plugin's invalid setting leaves that plugin unhealthy, reported under its full key, while the host
/// and the other plugins serve (README, Configuration). The built-in plugin's stop the start: StartupFailureTests.</summary>
public sealed class PluginSettingsTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private IAlbaHost _host = null!;
    private ApiClient _api = null!;

    public async Task InitializeAsync()
    {
        var plugins = TestPlugins.Install(Path.Combine(_data.Path, "plugins"), "SampleChain");
        _host = await TestHost.StartAsync(_data.Path, new Dictionary<string, string?>
        {
            ["KSQUERY_PLUGINS"] = plugins,
            ["Plugins:sample:Height"] = "very high",
        });
        _api = new ApiClient(_host);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_drop_in_plugin_with_an_invalid_setting_is_unhealthy_and_named_while_the_rest_serve()
    {
        var (healthStatus, health, _) = await _api.GetAsync("/health");
        healthStatus.ShouldBe(HttpStatusCode.OK); // a drop-in plugin is not required (Plugins:Required: kalp)
        var plugins = health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "plugins");
        plugins.GetProperty("sample").GetString().ShouldBe(
            "unhealthy: failed to start: invalid setting: Plugins:sample:Height must be an integer from 0 to 1000000000; got 'very high'.");
        plugins.GetProperty("kalp").GetString().ShouldBe("healthy");

        var token = await _api.SignUpAndLogInAsync("settings@example.com");
        await _api.SelectAsync(token);
        var (_, key) = await _api.CreateKeyAsync(token, "kalp-bot");
        var (status, _, _) = await _api.GetAsync("/v1/kalp/testnet/network", apiKey: key);
        status.ShouldBe(HttpStatusCode.OK);
    }
}

using KsQuery.Plugins.Evm;
using Shouldly;

namespace Evm.Tests;

/// <summary>The plugin against a fake JSON-RPC node that is down, slow, failing, or the wrong chain.</summary>
public sealed class UpstreamBehaviourTests
{
    [Fact]
    public async Task Block_number_comes_from_eth_blockNumber_as_a_json_number()
    {
        await using var upstream = await FakeRpcUpstream.StartAsync();
        upstream.Result("eth_blockNumber", "\"0x1b4\"");
        await using var plugin = await PluginHarness.SepoliaAsync(upstream.Url);

        plugin.Plugin.IsNetworkAvailable("sepolia").ShouldBeTrue();
        var json = await plugin.GetAsync("block-number");

        json.GetProperty("number").GetInt64().ShouldBe(436);
        upstream.MethodsCalled().ShouldBe(["eth_blockNumber"]);
    }

    [Fact]
    public async Task An_upstream_that_went_down_answers_503_upstream_unavailable()
    {
        var upstream = await FakeRpcUpstream.StartAsync();
        await using var plugin = await PluginHarness.SepoliaAsync(upstream.Url);
        await upstream.DisposeAsync();

        var result = await plugin.CallAsync("block-number");

        var error = result.Error.ShouldNotBeNull();
        error.Status.ShouldBe(503);
        error.Code.ShouldBe("upstream_unavailable");
        error.Detail.ShouldBe("The upstream node could not be reached.");
        plugin.Log.ShouldContain(l => l.Contains("eth_blockNumber failed (HttpRequestException)"));
        (await plugin.Plugin.CheckNetworkHealthAsync("sepolia", default)).Healthy.ShouldBeFalse();
    }

    [Fact]
    public async Task An_upstream_that_never_answers_times_out_with_503()
    {
        await using var upstream = await FakeRpcUpstream.StartAsync();
        upstream.Hang("eth_blockNumber");
        await using var plugin = await PluginHarness.SepoliaAsync(upstream.Url, ("TimeoutSeconds", "0.2"));

        var result = await plugin.CallAsync("block-number");

        var error = result.Error.ShouldNotBeNull();
        error.Status.ShouldBe(503);
        error.Code.ShouldBe("upstream_unavailable");
        error.Detail.ShouldContain("did not answer within 0.2 s");
    }

    [Fact]
    public async Task A_json_rpc_error_answers_502_upstream_error_with_the_upstreams_message()
    {
        await using var upstream = await FakeRpcUpstream.StartAsync();
        upstream.Error("eth_blockNumber", -32005, "daily request limit exceeded\nupgrade your plan");
        await using var plugin = await PluginHarness.SepoliaAsync(upstream.Url);

        var result = await plugin.CallAsync("block-number");

        var error = result.Error.ShouldNotBeNull();
        error.Status.ShouldBe(502);
        error.Code.ShouldBe("upstream_error");
        error.Detail.ShouldBe("The upstream node answered eth_blockNumber with JSON-RPC error -32005: daily request limit exceeded upgrade your plan");
    }

    [Fact]
    public async Task A_provider_key_in_the_url_or_a_header_never_reaches_the_client()
    {
        await using var upstream = await FakeRpcUpstream.StartAsync();
        upstream.Error("eth_blockNumber", -32000, "bad key v3/supersecretkey123 or Bearer hdr-secret-456");
        await using var plugin = await PluginHarness.SepoliaAsync(upstream.Url + "v3/supersecretkey123",
            ("Networks:sepolia:Headers:Authorization", "Bearer hdr-secret-456"));

        var error = (await plugin.CallAsync("block-number")).Error.ShouldNotBeNull();

        error.Detail.ShouldNotContain("supersecretkey123");
        error.Detail.ShouldNotContain("hdr-secret-456");
        upstream.Requests.Last().Authorization.ShouldBe("Bearer hdr-secret-456");
    }

    [Fact]
    public async Task The_wrong_chain_id_at_start_makes_the_network_unavailable_and_unhealthy_naming_both_ids()
    {
        await using var upstream = await FakeRpcUpstream.StartAsync(chainId: 5);
        await using var plugin = await PluginHarness.SepoliaAsync(upstream.Url);

        plugin.Plugin.IsNetworkAvailable("sepolia").ShouldBeFalse();
        var health = await plugin.Plugin.CheckNetworkHealthAsync("sepolia", default);
        health.Healthy.ShouldBeFalse();
        health.Detail.ShouldBe("eth_chainId answered 5, expected 11155111");
        plugin.Log.ShouldContain(l => l.StartsWith("Error:") && l.Contains("eth_chainId answered 5, expected 11155111"));
        (await plugin.Plugin.CheckHealthAsync(default)).Healthy.ShouldBeFalse();
        (await plugin.CallAsync("block-number")).Error.ShouldNotBeNull().Status.ShouldBe(503);
        upstream.MethodsCalled().ShouldBeEmpty();
    }

    [Fact]
    public async Task An_upstream_unreachable_at_start_leaves_the_network_unavailable_with_the_reason_in_health()
    {
        await using var plugin = await PluginHarness.SepoliaAsync(FakeRpcUpstream.ClosedUrl());

        plugin.Plugin.IsNetworkAvailable("sepolia").ShouldBeFalse();
        var health = await plugin.Plugin.CheckNetworkHealthAsync("sepolia", default);
        health.Healthy.ShouldBeFalse();
        health.Detail.ShouldContain("eth_chainId failed at start (expected 11155111)");
        plugin.Log.ShouldContain(l => l.StartsWith("Warning:") && l.Contains("expected 11155111"));
    }

    [Fact]
    public async Task A_network_without_an_upstream_is_coming_soon_and_healthy_saying_what_to_set()
    {
        await using var upstream = await FakeRpcUpstream.StartAsync();
        await using var plugin = await PluginHarness.SepoliaAsync(upstream.Url);

        plugin.Plugin.IsNetworkAvailable("mainnet").ShouldBeFalse();
        var health = await plugin.Plugin.CheckNetworkHealthAsync("mainnet", default);
        health.Healthy.ShouldBeTrue();
        health.Detail.ShouldBe("not configured: set Plugins:ethereum:Networks:mainnet:RpcUrl");
        (await plugin.Plugin.CheckNetworkHealthAsync("sepolia", default)).Detail.ShouldBe("upstream ok, chain id 11155111");
    }

    [Fact]
    public async Task Repeated_failures_open_the_circuit_then_calls_answer_503_with_retry_after_without_reaching_the_upstream()
    {
        await using var upstream = await FakeRpcUpstream.StartAsync();
        await using var plugin = await PluginHarness.SepoliaAsync(upstream.Url,
            ("CircuitBreakerMinimumThroughput", "2"), ("CircuitBreakerFailureRatio", "0.5"), ("CircuitBreakerBreakSeconds", "30"));
        upstream.FailWithStatus = 500;

        // The start's eth_chainId succeeded; failures from here on open the circuit once they are half of at least two calls.
        var errors = new List<KsQuery.Plugins.Abstractions.ApiError>();
        for (var i = 0; i < 5 && !(errors.LastOrDefault()?.Detail.Contains("paused") ?? false); i++)
            errors.Add((await plugin.CallAsync("block-number")).Error.ShouldNotBeNull());
        var seen = upstream.Requests.Count;
        var error = (await plugin.CallAsync("block-number")).Error.ShouldNotBeNull();

        errors[0].Detail.ShouldContain("HTTP 500");
        errors[0].RetryAfter.ShouldBeNull();
        errors[^1].Detail.ShouldContain("paused");
        error.Status.ShouldBe(503);
        error.Code.ShouldBe("upstream_unavailable");
        error.Detail.ShouldContain("paused");
        error.RetryAfter.ShouldNotBeNull().TotalSeconds.ShouldBeInRange(1, 30);
        upstream.Requests.Count.ShouldBe(seen);
        var health = await plugin.Plugin.CheckNetworkHealthAsync("sepolia", default);
        health.Healthy.ShouldBeFalse();
        health.Detail.ShouldContain("circuit open until");
        plugin.Log.ShouldContain(l => l.StartsWith("Error:") && l.Contains("circuit opened"));
    }

    [Fact]
    public async Task A_success_after_a_failure_makes_the_network_healthy_again()
    {
        await using var upstream = await FakeRpcUpstream.StartAsync();
        upstream.Result("eth_blockNumber", "\"0x1\"");
        await using var plugin = await PluginHarness.SepoliaAsync(upstream.Url);
        upstream.FailWithStatus = 502;
        (await plugin.CallAsync("block-number")).Error.ShouldNotBeNull();
        (await plugin.Plugin.CheckNetworkHealthAsync("sepolia", default)).Detail.ShouldContain("HTTP 502");

        upstream.FailWithStatus = null;
        (await plugin.CallAsync("block-number")).Error.ShouldBeNull();

        (await plugin.Plugin.CheckNetworkHealthAsync("sepolia", default)).Healthy.ShouldBeTrue();
    }

    [Fact]
    public async Task Binance_testnet_checks_chain_id_97()
    {
        await using var upstream = await FakeRpcUpstream.StartAsync(chainId: 97);
        upstream.Result("eth_blockNumber", "\"0x2a\"");
        await using var plugin = await PluginHarness.StartAsync(new BinancePlugin(),
            new(StringComparer.OrdinalIgnoreCase) { ["Networks:testnet:RpcUrl"] = upstream.Url }, "testnet");

        plugin.Plugin.IsNetworkAvailable("testnet").ShouldBeTrue();
        plugin.Plugin.Descriptor.Name.ShouldBe("BNB Smart Chain");
        (await plugin.GetAsync("block-number")).GetProperty("number").GetInt64().ShouldBe(42);
    }
}

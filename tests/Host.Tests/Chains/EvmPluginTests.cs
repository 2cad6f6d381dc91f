using System.Net;
using Evm.Tests;
using Host.Tests.Support;

namespace Host.Tests.Chains;

/// <summary>The built-in EVM plugin through the real host, against a fake JSON-RPC node on loopback configured as
/// <c>Plugins:ethereum:Networks:sepolia:RpcUrl</c>.</summary>
public sealed class EvmPluginTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private FakeRpcUpstream _upstream = null!;
    private IAlbaHost _host = null!;
    private ApiClient _api = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeRpcUpstream.StartAsync(chainId: 11155111);
        _upstream.Result("eth_blockNumber", "\"0x1b4\"");
        _host = await TestHost.StartAsync(_data.Path, new Dictionary<string, string?>
        {
            ["Plugins:ethereum:Networks:sepolia:RpcUrl"] = _upstream.Url,
            ["Plugins:ethereum:RetryCount"] = "0",
        });
        _api = new ApiClient(_host);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _upstream.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_key_scoped_to_ethereum_sepolia_reads_the_block_number_and_the_call_is_counted()
    {
        var token = await _api.SignUpAndLogInAsync("evm@example.com");
        await _api.SelectAsync(token, "ethereum", "sepolia");
        var (keyId, key) = await _api.CreateKeyAsync(token, "evm-bot");
        key.ShouldStartWith("ksq_test_");

        var (status, body, _) = await _api.GetAsync("/v1/ethereum/sepolia/block-number", apiKey: key);

        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.GetRawText().ShouldBe("""{"number":436}""");
        _upstream.MethodsCalled().ShouldBe(["eth_blockNumber"]);
        var (usageStatus, usage, _) = await _api.GetAsync($"/v1/keys/{keyId}/usage", token);
        usageStatus.ShouldBe(HttpStatusCode.OK, usage.ToString());
        usage.GetProperty("requests").GetInt64().ShouldBe(1);
        usage.GetProperty("byApi").EnumerateArray().Single().GetProperty("apiId").GetString().ShouldBe("block-number");
    }

    [Fact]
    public async Task A_key_scoped_to_kalp_testnet_is_refused_with_403_and_the_node_is_not_asked()
    {
        var token = await _api.SignUpAndLogInAsync("kalp@example.com");
        await _api.SelectAsync(token, "kalp", "testnet");
        var (_, key) = await _api.CreateKeyAsync(token, "kalp-bot");

        var (status, body, _) = await _api.GetAsync("/v1/ethereum/sepolia/block-number", apiKey: key);

        status.ShouldBe(HttpStatusCode.Forbidden);
        body.Code().ShouldBe("key_scope_mismatch");
        _upstream.MethodsCalled().ShouldBeEmpty();
    }

    [Fact]
    public async Task Sepolia_is_available_while_the_networks_without_an_upstream_stay_coming_soon()
    {
        var (_, chains, _) = await _api.GetAsync("/v1/chains");
        string Status(string chain, string network) => chains.EnumerateArray().Single(c => c.GetProperty("id").GetString() == chain)
            .GetProperty("networks").EnumerateArray().Single(n => n.GetProperty("id").GetString() == network).GetProperty("status").GetString()!;

        Status("ethereum", "sepolia").ShouldBe("available");
        Status("ethereum", "mainnet").ShouldBe("coming-soon");
        Status("binance", "mainnet").ShouldBe("coming-soon");
        Status("binance", "testnet").ShouldBe("coming-soon");
        chains.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "binance").GetProperty("status").GetString().ShouldBe("coming-soon");
    }

    [Fact]
    public async Task A_bad_address_is_refused_before_the_node_is_asked_and_an_upstream_failure_reaches_the_client_as_a_problem()
    {
        var token = await _api.SignUpAndLogInAsync("bad@example.com");
        await _api.SelectAsync(token, "ethereum", "sepolia");
        var (_, key) = await _api.CreateKeyAsync(token, "evm-bad");

        var (badStatus, bad, _) = await _api.GetAsync("/v1/ethereum/sepolia/accounts/0xD8dA6BF26964aF9D7eEd9e03E53415D37aA96045/balance", apiKey: key);
        badStatus.ShouldBe(HttpStatusCode.BadRequest);
        bad.Code().ShouldBe("validation_failed");
        _upstream.MethodsCalled().ShouldBeEmpty();

        _upstream.Error("eth_getBalance", -32000, "header not found");
        var (failedStatus, failed, _) = await _api.GetAsync("/v1/ethereum/sepolia/accounts/0xd8da6bf26964af9d7eed9e03e53415d37aa96045/balance", apiKey: key);
        failedStatus.ShouldBe(HttpStatusCode.BadGateway);
        failed.Code().ShouldBe("upstream_error");
        failed.GetProperty("detail").GetString()!.ShouldEndWith("header not found");
    }

    [Fact]
    public async Task An_open_circuit_answers_503_with_retry_after()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(data.Path, new Dictionary<string, string?>
        {
            ["Plugins:ethereum:Networks:sepolia:RpcUrl"] = _upstream.Url,
            ["Plugins:ethereum:RetryCount"] = "0",
            ["Plugins:ethereum:CircuitBreakerMinimumThroughput"] = "2",
        });
        var api = new ApiClient(host);
        var token = await api.SignUpAndLogInAsync("circuit@example.com");
        await api.SelectAsync(token, "ethereum", "sepolia");
        var (_, key) = await api.CreateKeyAsync(token, "evm-circuit");
        _upstream.FailWithStatus = 500;

        HttpResponseMessage? last = null;
        for (var i = 0; i < 5 && last?.Headers.RetryAfter is null; i++)
            (_, _, last) = await api.GetAsync("/v1/ethereum/sepolia/block-number", apiKey: key);

        last.ShouldNotBeNull();
        last.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        last.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldNotBeNull().TotalSeconds.ShouldBeGreaterThanOrEqualTo(1);
    }
}

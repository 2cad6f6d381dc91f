using Shouldly;

namespace Evm.Tests;

/// <summary>Every parameter is checked before the upstream is called: a refused call leaves the fake node untouched.</summary>
public sealed class ParameterValidationTests : IAsyncLifetime
{
    private const string Address = "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045";
    // One letter of the EIP-55 form flipped to upper case.
    private const string BadChecksum = "0xD8dA6BF26964aF9D7eEd9e03E53415D37aA96045";
    private const string Hash = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060";

    private FakeRpcUpstream _upstream = null!;
    private PluginHarness _plugin = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeRpcUpstream.StartAsync();
        _plugin = await PluginHarness.SepoliaAsync(_upstream.Url, ("MaxLogBlockRange", "100"));
    }

    public async Task DisposeAsync()
    {
        await _plugin.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    public static TheoryData<string, string, string, string?> Refused => new()
    {
        // api, parameters as name=value&..., the field named, body
        { "block", "block=pending", "block", null },
        { "block", "block=01", "block", null },
        { "block", "block=0x10", "block", null },
        { "block", "block=9999999999999999999", "block", null },
        { "block-by-hash", "hash=0x1234", "hash", null },
        { "block-by-hash", $"hash={Hash[..^1]}g", "hash", null },
        { "block-transactions", "block=latest&size=101", "size", null },
        { "block-transactions", "block=latest&page=0", "page", null },
        { "transaction", "hash=5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060", "hash", null },
        { "transaction-receipt", "hash=0x", "hash", null },
        { "account-balance", $"address={BadChecksum}", "address", null },
        { "account-balance", $"address={Address}&block=pending", "block", null },
        { "account-nonce", "address=0x1234", "address", null },
        { "account-code", $"address={Address[..^1]}", "address", null },
        { "token-info", $"contract={BadChecksum}", "contract", null },
        { "token-balance", $"contract={Address}&address={BadChecksum}", "address", null },
        { "contract-call", $"address={Address}", "data", """{"block":"latest"}""" },
        { "contract-call", $"address={Address}", "data", """{"data":"0x123"}""" },
        { "contract-call", $"address={Address}", "data", """{"data":"12"}""" },
        { "contract-call", $"address={Address}", "from", $$"""{"data":"0x12","from":"{{BadChecksum}}"}""" },
        { "contract-call", $"address={Address}", "block", """{"data":"0x12","block":"pending"}""" },
        { "contract-call", $"address={Address}", "body", """[1]""" },
        { "contract-call-function", $"address={Address}", "function", """{"function":"balanceOf"}""" },
        { "contract-call-function", $"address={Address}", "args[0]", """{"function":"balanceOf(address)","args":["0x12"]}""" },
        { "contract-call-function", $"address={Address}", "args", """{"function":"balanceOf(address)","args":[]}""" },
        { "contract-call-function", $"address={Address}", "returns[0]", """{"function":"totalSupply()","returns":["uint257"]}""" },
        { "contract-call-function", $"address={Address}", "returns", """{"function":"totalSupply()","returns":"uint256"}""" },
        { "logs", "fromBlock=10&toBlock=200", "toBlock", null },
        { "logs", "fromBlock=20&toBlock=10", "fromBlock", null },
        { "logs", "address=0x12", "address", null },
        { "logs", "topic0=0x12", "topic0", null },
        { "logs", $"topic3={Hash}0", "topic3", null },
        { "rpc", "", "method", """{"params":[]}""" },
        { "rpc", "", "params", """{"method":"eth_blockNumber","params":{}}""" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_bad_parameter_is_refused_with_400_before_any_upstream_call(string api, string query, string field, string? body)
    {
        var parameters = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

        var error = (await _plugin.CallAsync(api, parameters, body)).Error.ShouldNotBeNull();

        error.Status.ShouldBe(400);
        error.Code.ShouldBe("validation_failed");
        error.Errors.ShouldNotBeNull().Keys.ShouldBe([field]);
        _upstream.MethodsCalled().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("eth_getLogs")]
    [InlineData("eth_sendRawTransaction")]
    [InlineData("eth_sendTransaction")]
    [InlineData("debug_traceTransaction")]
    [InlineData("ETH_BLOCKNUMBER")]
    public async Task A_method_outside_the_allowlist_is_refused_before_any_upstream_call(string method)
    {
        var error = (await _plugin.CallAsync("rpc", body: $$"""{"method":"{{method}}","params":[]}""")).Error.ShouldNotBeNull();

        error.Status.ShouldBe(400);
        error.Code.ShouldBe("rpc_method_not_allowed");
        _upstream.MethodsCalled().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_range_of_exactly_the_limit_is_accepted()
    {
        _upstream.Result("eth_getLogs", "[]");

        var json = await _plugin.GetAsync("logs", new() { ["fromBlock"] = "1", ["toBlock"] = "100" });

        json.GetProperty("total").GetInt64().ShouldBe(0);
        _upstream.MethodsCalled().ShouldBe(["eth_getLogs"]);
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using KsQuery.Plugins.Abstractions;
using Shouldly;

namespace KalpDlt.Tests;

/// <summary>The Kalp gateway source, against a fake gateway on loopback.</summary>
public sealed class GatewayTests : IAsyncLifetime
{
    private const string Key = "upstream-secret-7f3a9c2e51b04d86";
    private const string Gini = "klp-f02611a93e-cc";
    private const string Wallet = "3f1c9a7be4d2c08a61f5e9b7d3a2c4e6f8091b2d";
    private const string Account = "9D2E41B07C3A58F6E1D4A2B9C7E05F3D8A6B1C42";

    private readonly TestDirectory _directory = new();
    private readonly List<PluginHarness> _plugins = [];
    private FakeKalpGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await FakeKalpGateway.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var plugin in _plugins)
        {
            plugin.Log.ShouldAllBe(line => !line.Contains(Key, StringComparison.OrdinalIgnoreCase));
            await plugin.DisposeAsync();
        }
        await _gateway.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task The_gateway_source_gives_no_ledger_examples_so_the_generic_ones_stay()
    {
        var plugin = await StartAsync();
        plugin.Plugin.GetExamples("testnet").ShouldBeEmpty();
    }

    [Fact]
    public async Task Contract_query_goes_to_the_gateway()
    {
        _gateway.Answer = (request, _) => request.Function switch
        {
            "BalanceOf" => GatewayAnswer.Value("\"750000000000000000000\""),
            "Decimals" => GatewayAnswer.Value("18"),
            _ => GatewayAnswer.Value("""{"owner":"abc","paused":false}"""),
        };
        var plugin = await StartAsync();

        var json = await plugin.GetAsync("contract-query", new { contractId = Gini, function = "BalanceOf" },
            $$$"""{"walletAddress":"{{{Wallet.ToUpperInvariant()}}}","args":{"account":"{{{Account}}}"}}""");
        json.GetProperty("contractId").GetString().ShouldBe(Gini);
        json.GetProperty("function").GetString().ShouldBe("BalanceOf");
        json.GetProperty("result").GetString().ShouldBe("750000000000000000000");

        var request = _gateway.Requests.Single();
        request.Method.ShouldBe("POST");
        request.Path.ShouldBe($"/v1/contract/kalp/query/{Gini}/BalanceOf");
        request.ApiKey.ShouldBe(Key);
        request.ContentType!.ShouldStartWith("application/json");
        var body = JsonDocument.Parse(request.Body).RootElement;
        body.GetProperty("network").GetString().ShouldBe("TESTNET");
        body.GetProperty("blockchain").GetString().ShouldBe("KALP");
        body.GetProperty("walletAddress").GetString().ShouldBe(Wallet);
        body.GetProperty("args").GetProperty("account").GetString().ShouldBe(Account.ToLowerInvariant());

        (await plugin.GetAsync("contract-query", new { contractId = Gini, function = "Decimals" }))
            .GetProperty("result").GetInt32().ShouldBe(18);
        _gateway.Requests.Last().Body.ShouldContain($"\"walletAddress\":\"{Wallet}\"");

        var other = await plugin.GetAsync("contract-query", new { contractId = Gini, function = "GetConfig" }, """{"args":{"id":7}}""");
        other.GetProperty("result").GetProperty("owner").GetString().ShouldBe("abc");
        other.GetProperty("result").GetProperty("paused").GetBoolean().ShouldBeFalse();
        JsonDocument.Parse(_gateway.Requests.Last().Body).RootElement.GetProperty("args").GetProperty("id").GetInt32().ShouldBe(7);
    }

    [Fact]
    public async Task Token_evaluates_the_four_functions()
    {
        _gateway.Answer = (request, _) => request.Function switch
        {
            "Name" => GatewayAnswer.Value("\"GINI\""),
            "Symbol" => GatewayAnswer.Value("\"GINI\""),
            "Decimals" => GatewayAnswer.Value("18"),
            "TotalSupply" => GatewayAnswer.Value("\"2000000000000000000000000000\""),
            _ => GatewayAnswer.Failure(404, "no such function"),
        };
        var plugin = await StartAsync();

        var json = await plugin.GetAsync("token", new { contractId = Gini });
        json.GetProperty("contractId").GetString().ShouldBe(Gini);
        json.GetProperty("name").GetString().ShouldBe("GINI");
        json.GetProperty("symbol").GetString().ShouldBe("GINI");
        json.GetProperty("decimals").GetInt32().ShouldBe(18);
        json.GetProperty("totalSupply").GetString().ShouldBe("2000000000000000000000000000");
        json.GetProperty("totalSupplyFormatted").GetString().ShouldBe("2000000000");
        json.GetProperty("holders").ValueKind.ShouldBe(JsonValueKind.Null);

        _gateway.Requests.Select(r => r.Function).Order().ShouldBe(["Decimals", "Name", "Symbol", "TotalSupply"]);
        foreach (var request in _gateway.Requests)
        {
            request.Path.ShouldBe($"/v1/contract/kalp/query/{Gini}/{request.Function}");
            request.ApiKey.ShouldBe(Key);
            var body = JsonDocument.Parse(request.Body).RootElement;
            body.GetProperty("walletAddress").GetString().ShouldBe(Wallet);
            body.GetProperty("args").EnumerateObject().ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task Balance_reads_BalanceOf_Symbol_and_Decimals()
    {
        const string Ksd = "klp-00ab12cd34-cc";
        _gateway.Answer = (request, _) => request.Function switch
        {
            "BalanceOf" => GatewayAnswer.Value("1234500000"),
            "Symbol" => GatewayAnswer.Value("\"KSD\""),
            "Decimals" => GatewayAnswer.Value("\"6\""),
            _ => GatewayAnswer.Failure(404, "no such function"),
        };
        var plugin = await StartAsync(wallet: null);

        var json = await plugin.GetAsync("balance", new { address = Account, contractId = Ksd });
        json.GetProperty("address").GetString().ShouldBe(Account.ToLowerInvariant());
        json.GetProperty("contractId").GetString().ShouldBe(Ksd);
        json.GetProperty("balance").GetString().ShouldBe("1234500000");
        json.GetProperty("formatted").GetString().ShouldBe("1234.5");
        json.GetProperty("symbol").GetString().ShouldBe("KSD");
        json.GetProperty("decimals").GetInt32().ShouldBe(6);

        var balanceOf = _gateway.Requests.Single(r => r.Function == "BalanceOf");
        balanceOf.Path.ShouldBe($"/v1/contract/kalp/query/{Ksd}/BalanceOf");
        var body = JsonDocument.Parse(balanceOf.Body).RootElement;
        // Without a configured default wallet, the account itself is the caller.
        body.GetProperty("walletAddress").GetString().ShouldBe(Account.ToLowerInvariant());
        body.GetProperty("args").GetProperty("account").GetString().ShouldBe(Account.ToLowerInvariant());
        _gateway.Requests.Count.ShouldBe(3);

        await plugin.GetAsync("balance", new { address = Account });
        _gateway.Requests.Last().Path.ShouldContain(Gini);
    }

    [Fact]
    public async Task Without_a_default_wallet_token_is_not_supported_and_queries_need_one()
    {
        var plugin = await StartAsync(wallet: null);
        AssertError(await plugin.CallAsync("token", new { contractId = Gini }), 501, "not_supported_by_source");
        var missing = AssertError(await plugin.CallAsync("contract-query", new { contractId = Gini, function = "Name" }), 400, "validation_failed");
        missing.Errors!.Keys.ShouldBe(["walletAddress"]);
        _gateway.Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_slow_gateway_times_out_with_502()
    {
        _gateway.Answer = (_, _) => GatewayAnswer.Value("\"GINI\"") with { Delay = TimeSpan.FromSeconds(20) };
        var plugin = await StartAsync(extra: new() { ["Networks:testnet:TimeoutSeconds"] = "0.3" });

        // Had the timeout not cut the call, the gateway's answer (200, "GINI") would come after 20 s: the 502 and its
        // detail are the proof, without timing the test.
        var error = AssertError(await plugin.CallAsync("contract-query", new { contractId = Gini, function = "Name" }), 502, "upstream_unavailable");
        error.Detail.ShouldContain("did not answer within 0.3 s");
    }

    [Fact]
    public async Task A_5xx_is_retried_until_it_succeeds()
    {
        _gateway.Answer = (_, number) => number <= 2 ? GatewayAnswer.Failure(503, "busy") : GatewayAnswer.Value("\"GINI\"");
        var plugin = await StartAsync();

        (await plugin.GetAsync("contract-query", new { contractId = Gini, function = "Symbol" })).GetProperty("result").GetString().ShouldBe("GINI");
        _gateway.Count.ShouldBe(3);
        _gateway.Requests.ShouldAllBe(r => r.ApiKey == Key && r.Function == "Symbol");
    }

    [Fact]
    public async Task Persistent_5xx_opens_the_circuit_with_503_and_unhealthy()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var failing = true;
        _gateway.Answer = (_, _) => Volatile.Read(ref failing) ? GatewayAnswer.Failure(500, $"internal error, key {Key}") : GatewayAnswer.Value("\"GINI\"");
        var plugin = await StartAsync(time: time, extra: new()
        {
            ["Networks:testnet:RetryCount"] = "1",
            ["Networks:testnet:RetryDelayMilliseconds"] = "0",
            ["Networks:testnet:CircuitBreakerMinimumThroughput"] = "2",
            ["Networks:testnet:CircuitBreakerBreakSeconds"] = "30",
        });
        (await plugin.Plugin.CheckHealthAsync(CancellationToken.None)).Healthy.ShouldBeTrue();

        var first = AssertError(await plugin.CallAsync("contract-query", new { contractId = Gini, function = "Name" }), 502, "upstream_unavailable");
        first.Detail.ShouldContain("HTTP 500");
        _gateway.Count.ShouldBe(2);

        AssertError(await plugin.CallAsync("contract-query", new { contractId = Gini, function = "Name" }), 503, "upstream_unavailable");
        AssertError(await plugin.CallAsync("balance", new { address = Account }), 503, "upstream_unavailable");
        _gateway.Count.ShouldBe(2);
        var health = await plugin.Plugin.CheckHealthAsync(CancellationToken.None);
        health.Healthy.ShouldBeFalse();
        health.Detail.ShouldContain("circuit open");

        Volatile.Write(ref failing, false);
        time.Advance(TimeSpan.FromSeconds(31));
        (await plugin.Plugin.CheckHealthAsync(CancellationToken.None)).Healthy.ShouldBeTrue();
        (await plugin.GetAsync("contract-query", new { contractId = Gini, function = "Name" })).GetProperty("result").GetString().ShouldBe("GINI");
        (await plugin.Plugin.CheckHealthAsync(CancellationToken.None)).Healthy.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Name", "<html>Bad gateway</html>", "text/html", "not JSON")]
    [InlineData("Symbol", """{"result":{}}""", "application/json", "no result.result")]
    [InlineData("Symbol", """{"message":"success","result":"GINI"}""", "application/json", "no result.result")]
    [InlineData("Decimals", """{"result":{"result":"many"}}""", "application/json", "Decimals did not return")]
    [InlineData("TotalSupply", """{"result":{"result":-5}}""", "application/json", "TotalSupply did not return")]
    [InlineData("Name", """{"result":{"result":42}}""", "application/json", "Name did not return")]
    public async Task Malformed_answers_are_502(string function, string body, string contentType, string detail)
    {
        _gateway.Answer = (_, _) => new GatewayAnswer(200, body, contentType);
        var plugin = await StartAsync();

        var error = AssertError(await plugin.CallAsync("contract-query", new { contractId = Gini, function }), 502, "upstream_unavailable");
        error.Detail.ShouldContain(detail);
        error.Detail.ShouldNotContain("Bad gateway");
    }

    [Fact]
    public async Task Token_with_one_malformed_value_is_502()
    {
        _gateway.Answer = (request, _) => request.Function == "Decimals" ? GatewayAnswer.Value("{}") : GatewayAnswer.Value("\"1\"");
        var plugin = await StartAsync();
        AssertError(await plugin.CallAsync("token", new { contractId = Gini }), 502, "upstream_unavailable").Detail.ShouldContain("Decimals");
    }

    [Fact]
    public async Task Gateway_4xx_answers_map_to_client_errors_without_the_key()
    {
        var plugin = await StartAsync();

        _gateway.Answer = (_, _) => GatewayAnswer.Failure(400, $"Invalid account for key {Key}\u0000\nsee logs");
        var invalid = AssertError(await plugin.CallAsync("contract-query", new { contractId = Gini, function = "BalanceOf" },
            $$$"""{"args":{"account":"{{{Account}}}"}}"""), 400, "validation_failed");
        invalid.Detail.ShouldContain("Invalid account for key ***");
        invalid.Errors!["args"].Single().ShouldContain("Invalid account");

        _gateway.Answer = (_, _) => GatewayAnswer.Failure(404, "chaincode klp-0000000000-cc not found");
        AssertError(await plugin.CallAsync("token", new { contractId = "klp-0000000000-cc" }), 404, "contract_not_found");

        _gateway.Answer = (_, _) => GatewayAnswer.Failure(401, $"bad api key {Key}");
        AssertError(await plugin.CallAsync("contract-query", new { contractId = Gini, function = "Name" }), 502, "upstream_unavailable")
            .Detail.ShouldBe("The Kalp gateway refused this server's credentials.");

        _gateway.Answer = (_, _) => new GatewayAnswer(400, new string('x', 5000), "text/plain");
        AssertError(await plugin.CallAsync("contract-query", new { contractId = Gini, function = "Name" }), 400, "validation_failed")
            .Detail.ShouldNotContain("xxx");
        _gateway.Count.ShouldBe(7); // token makes four calls; none of these is retried
    }

    [Fact]
    public async Task An_unreachable_gateway_is_502()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var plugin = await StartAsync(url: $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");

        AssertError(await plugin.CallAsync("balance", new { address = Account }), 502, "upstream_unavailable")
            .Detail.ShouldBe("The Kalp gateway could not be reached.");
    }

    [Theory]
    [InlineData("network-info")]
    [InlineData("blocks")]
    [InlineData("transaction")]
    [InlineData("contracts")]
    [InlineData("events")]
    [InlineData("analytics-chaincode")]
    public async Task Apis_the_gateway_cannot_serve_are_501(string apiId)
    {
        var plugin = await StartAsync();
        var error = AssertError(await plugin.CallAsync(apiId, new { txId = new string('a', 64) }), 501, "not_supported_by_source");
        error.Detail.ShouldContain("configured to use the Kalp gateway");
        AssertError(await plugin.CallAsync("no-such-api"), 404, "api_not_found");
        _gateway.Count.ShouldBe(0);
    }

    [Fact]
    public async Task Half_a_gateway_configuration_does_not_start()
    {
        var onlyKey = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["Networks:testnet:GatewayApiKey"] = Key };
        var error = await Should.ThrowAsync<PluginSettingsException>(() => PluginHarness.StartAsync(_directory.Path, onlyKey));
        error.Message.ShouldNotContain(Key);

        var badUrl = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Networks:testnet:GatewayApiKey"] = Key,
            ["Networks:testnet:GatewayUrl"] = $"https://user:{Key}@gateway.example/",
        };
        (await Should.ThrowAsync<PluginSettingsException>(() => PluginHarness.StartAsync(_directory.Path, badUrl))).Message.ShouldNotContain(Key);
        Directory.EnumerateFileSystemEntries(_directory.Path).ShouldBeEmpty();
    }

    private async Task<PluginHarness> StartAsync(string? wallet = Wallet, string? url = null, TimeProvider? time = null,
        Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Networks:testnet:GatewayUrl"] = url ?? _gateway.Url,
            ["Networks:testnet:GatewayApiKey"] = Key,
            ["Networks:testnet:TimeoutSeconds"] = "5",
            ["Networks:testnet:RetryCount"] = "2",
            ["Networks:testnet:RetryDelayMilliseconds"] = "1",
            ["Networks:testnet:WalletAddress"] = wallet,
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }
        var plugin = await PluginHarness.StartAsync(_directory.Path, settings, time);
        _plugins.Add(plugin);
        return plugin;
    }

    private static ApiError AssertError(ApiResult result, int status, string code)
    {
        var error = result.Error.ShouldNotBeNull();
        error.Status.ShouldBe(status);
        error.Code.ShouldBe(code);
        error.Title.ShouldNotContain(Key);
        error.Detail.ShouldNotContain(Key);
        error.Detail.ShouldNotContain(Key[..12]);
        foreach (var messages in error.Errors?.Values ?? [])
        {
            messages.ShouldAllBe(message => !message.Contains(Key));
        }
        return error;
    }
}

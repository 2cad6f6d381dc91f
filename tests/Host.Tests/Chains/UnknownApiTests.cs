using System.Net;
using Host.Tests.Support;
using Host.Tests.Usage;
using Wolverine.Tracking;

namespace Host.Tests.Chains;

/// <summary>docs/api.md, chain query APIs: a path under an available chain and network that names no API of that
/// network's catalog answers 404 <c>api_not_found</c>, after the key checks every keyed call gets (401 without a valid
/// key, 403 for a key of another network) and counted like any keyed call, whatever its method. A known path asked with the
/// wrong method still answers routing's 405, and a chain or network that is not served stays routing's 404
/// <c>not_found</c>.</summary>
public sealed class UnknownApiTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly Host.Tests.Usage.ManualClock _clock = new();
    private Alba.IAlbaHost _host = null!;
    private ApiClient _api = null!;
    private string _token = null!;
    private (string Id, string Key) _key;
    private (string Id, string Key) _sampleKey;

    public async Task InitializeAsync()
    {
        _host = await UsageTestHost.StartAsync(_data.Path, _clock, withSampleChain: true);
        _api = new ApiClient(_host);
        _token = await _api.SignUpAndLogInAsync("unknown-api@example.com");
        await _api.SelectAsync(_token);
        _key = await _api.CreateKeyWithAsync(_token, "kalp");
        _sampleKey = await _api.CreateKeyWithAsync(_token, "sample", chain: "sample", network: "devnet");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Theory]
    [InlineData("GET", "/v1/kalp/testnet/no-such-api")]
    [InlineData("POST", "/v1/kalp/testnet/no-such-api")]
    [InlineData("GET", "/v1/kalp/testnet/blocks/latest/more")]
    [InlineData("GET", "/v1/kalp/testnet/tokens")]
    [InlineData("DELETE", "/v1/kalp/testnet/no-such-api")]
    [InlineData("PUT", "/v1/kalp/testnet/blocks/latest/more")]
    [InlineData("GET", "/v1/kalp/testnet/")]
    [InlineData("GET", "/v1/kalp/testnet")]
    [InlineData("GET", "/v1/kalp/devnet/no-such-api")]
    [InlineData("GET", "/v1/KALP/TestNet/No-Such-Api")]
    public async Task An_unknown_api_under_a_served_network_answers_404_api_not_found_with_a_valid_key(string method, string path)
    {
        var answer = await _host.CallAsync(path, _key.Key, method: method);

        answer.Status.ShouldBe(404, answer.Body.ToString());
        answer.Code.ShouldBe("api_not_found");
        answer.Body.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
        answer.Body.GetProperty("traceId").GetString().ShouldNotBeNullOrWhiteSpace();
        answer.Header("Content-Type").ShouldStartWith("application/problem+json");
        answer.Header("RateLimit-Limit").ShouldNotBeNullOrEmpty("a keyed call's answer carries the key's limits");
    }

    [Fact]
    public async Task The_key_is_checked_before_the_api_is_looked_up()
    {
        var missing = await _host.CallAsync("/v1/kalp/testnet/no-such-api", key: null);
        missing.Status.ShouldBe(401);
        missing.Code.ShouldBe("key_missing");

        var wrong = await _host.CallAsync("/v1/kalp/testnet/no-such-api", UsageTestHost.WithWrongSecret(_key.Key));
        wrong.Status.ShouldBe(401);
        wrong.Code.ShouldBe("key_invalid");

        var otherNetwork = await _host.CallAsync("/v1/kalp/testnet/no-such-api", _sampleKey.Key);
        otherNetwork.Status.ShouldBe(403);
        otherNetwork.Code.ShouldBe("key_scope_mismatch");
    }

    [Theory]
    [InlineData("POST", "/v1/kalp/testnet/network", "GET")]
    [InlineData("DELETE", "/v1/kalp/testnet/blocks/12", "GET")]
    [InlineData("GET", "/v1/kalp/testnet/smart-contracts/klp-f02611a93e-cc/query/BalanceOf", "POST")]
    public async Task A_known_api_asked_with_another_method_still_answers_405(string method, string path, string allow)
    {
        var answer = await _host.CallAsync(path, _key.Key, method: method);

        answer.Status.ShouldBe(405, answer.Body.ToString());
        answer.Code.ShouldBe("method_not_allowed");
        answer.Header("Allow").ShouldBe(allow);
    }

    [Theory]
    [InlineData("/v1/kalp/mainnet/network")]
    [InlineData("/v1/nochain/testnet/network")]
    [InlineData("/v1/ethereum/holesky/network")]
    public async Task A_chain_or_network_that_is_not_served_stays_404_not_found(string path)
    {
        var answer = await _host.CallAsync(path, _key.Key);

        answer.Status.ShouldBe(404, answer.Body.ToString());
        answer.Code.ShouldBe("not_found");
    }

    [Fact]
    public async Task Unknown_api_calls_are_counted_for_the_key_as_errors()
    {
        await _host.ExecuteAndWaitAsync(async () =>
        {
            (await _host.CallAsync("/v1/kalp/testnet/no-such-api", _key.Key)).Status.ShouldBe(404);
            (await _host.CallAsync("/v1/kalp/testnet/network", _key.Key)).Status.ShouldBe(200);
        });

        var (status, usage, _) = await _api.GetAsync($"/v1/keys/{_key.Id}/usage", _token);
        status.ShouldBe(HttpStatusCode.OK, usage.ToString());
        usage.GetProperty("requests").GetInt64().ShouldBe(2);
        usage.GetProperty("errors").GetInt64().ShouldBe(1);
        usage.GetProperty("byStatus").GetProperty("404").GetInt64().ShouldBe(1);
    }
}

using System.Net;
using Evm.Anvil.Tests.Support;

namespace Evm.Anvil.Tests;

/// <summary>EVM calls are counted like every keyed call: once each, by API, successful or not.</summary>
[Collection(EvmCollection.Name)]
public sealed class UsageCountingTests(EvmFixture fixture)
{
    [AnvilFact]
    public async Task Each_call_is_counted_once_under_its_api_id()
    {
        var (keyId, key) = await fixture.CreateKeyAsync("usage-counting", "ethereum", "sepolia");
        for (var i = 0; i < 3; i++)
            (await fixture.Api.GetAsync("/v1/ethereum/sepolia/block-number", apiKey: key)).Status.ShouldBe(HttpStatusCode.OK);
        (await fixture.Api.GetAsync($"/v1/ethereum/sepolia/tokens/{TestChain.TokenAddress}", apiKey: key)).Status.ShouldBe(HttpStatusCode.OK);
        (await fixture.Api.PostAsync("/v1/ethereum/sepolia/rpc", new { method = "eth_chainId", @params = Array.Empty<object>() }, apiKey: key))
            .Status.ShouldBe(HttpStatusCode.OK);
        (await fixture.Api.GetAsync($"/v1/ethereum/sepolia/transactions/0x{new string('b', 64)}", apiKey: key)).Status.ShouldBe(HttpStatusCode.NotFound);

        var (status, usage, _) = await fixture.Api.GetAsync($"/v1/keys/{keyId}/usage", fixture.Token);

        status.ShouldBe(HttpStatusCode.OK, usage.ToString());
        usage.GetProperty("requests").GetInt64().ShouldBe(6, usage.ToString());
        usage.GetProperty("errors").GetInt64().ShouldBe(1, usage.ToString());
        var byApi = usage.GetProperty("byApi").EnumerateArray()
            .ToDictionary(a => a.GetProperty("apiId").GetString()!, a => a.GetProperty("requests").GetInt64());
        byApi["block-number"].ShouldBe(3);
        byApi["token-info"].ShouldBe(1);
        byApi["rpc"].ShouldBe(1);
        byApi["transaction"].ShouldBe(1);
    }
}

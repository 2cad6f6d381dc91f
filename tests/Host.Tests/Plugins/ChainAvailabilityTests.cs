using System.Net;
using Host.Tests.Support;
using KsQuery.Modules.Chains.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace Host.Tests.Plugins;

/// <summary>One source of truth for a coming-soon network: what <see cref="ChainRegistry"/> says (the catalog, selections,
/// key scopes) is what a keyed call to that network gets, so the two can never disagree.</summary>
public sealed class ChainAvailabilityTests : IDisposable
{
    private const string KeyedCall = "/v1/kalp/testnet/network";
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_network_the_registry_lists_as_coming_soon_is_refused_on_the_keyed_path_too()
    {
        await using var host = await TestHost.StartAsync(_data.Path);
        var api = new ApiClient(host);
        var token = await api.SignUpAndLogInAsync("chains@example.com");
        await api.SelectAsync(token);
        var (_, key) = await api.CreateKeyAsync(token, "k");
        (await api.GetAsync(KeyedCall, apiKey: key)).Status.ShouldBe(HttpStatusCode.OK);

        host.Services.GetRequiredService<ChainRegistry>().MarkComingSoon("kalp", "testnet");

        var (_, chains, _) = await api.GetAsync("/v1/chains", token);
        var testnet = chains.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "kalp")
            .GetProperty("networks").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "testnet");
        testnet.GetProperty("status").GetString().ShouldBe("coming-soon");
        var (status, body, _) = await api.GetAsync(KeyedCall, apiKey: key);
        status.ShouldBe(HttpStatusCode.ServiceUnavailable, body.ToString());
        body.Code().ShouldBe("upstream_unavailable");
    }
}

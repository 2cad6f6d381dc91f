using System.Net;
using System.Text.Json;
using Host.Tests.Support;
using Wolverine.Tracking;

namespace Host.Tests.Usage;

/// <summary>The per-API breakdowns of the summary and of one key's usage carry latency percentiles of each API's calls.</summary>
public sealed class ApiLatencyTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly ManualClock _clock = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Summary_and_key_usage_give_p50_and_p95_per_api()
    {
        await using var host = await UsageTestHost.StartAsync(_data.Path, _clock);
        var api = new ApiClient(host);
        var token = await api.SignUpAndLogInAsync("latency@example.com");
        await api.SelectAsync(token);
        var (keyId, key) = await api.CreateKeyAsync(token, "latency");

        await host.ExecuteAndWaitAsync(async () =>
        {
            for (var i = 0; i < 3; i++)
                (await host.CallAsync("/v1/kalp/testnet/network", key)).Status.ShouldBe(200);
            (await host.CallAsync("/v1/kalp/testnet/blocks/1", key)).Status.ShouldBe(200);
        });

        var (status, summary, _) = await api.GetAsync("/v1/usage/summary", token);
        status.ShouldBe(HttpStatusCode.OK, summary.ToString());
        ShouldHaveLatencies(summary.GetProperty("byApi"), ("network-info", 3), ("block", 1));

        var (keyStatus, usage, _) = await api.GetAsync($"/v1/keys/{keyId}/usage", token);
        keyStatus.ShouldBe(HttpStatusCode.OK, usage.ToString());
        ShouldHaveLatencies(usage.GetProperty("byApi"), ("network-info", 3), ("block", 1));
    }

    private static void ShouldHaveLatencies(JsonElement byApi, params (string Api, long Requests)[] expected)
    {
        var entries = byApi.EnumerateArray().ToDictionary(a => a.GetProperty("apiId").GetString()!);
        entries.Count.ShouldBe(expected.Length, byApi.ToString());
        foreach (var (name, requests) in expected)
        {
            var entry = entries[name];
            entry.GetProperty("requests").GetInt64().ShouldBe(requests);
            var p50 = entry.GetProperty("p50Ms").GetDouble();
            var p95 = entry.GetProperty("p95Ms").GetDouble();
            p50.ShouldBeGreaterThan(0);
            p95.ShouldBeGreaterThanOrEqualTo(p50);
        }
    }
}

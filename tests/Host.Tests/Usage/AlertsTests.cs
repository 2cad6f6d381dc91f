using System.Net;
using System.Text.Json;
using Host.Tests.Support;
using Wolverine.Tracking;

namespace Host.Tests.Usage;

/// <summary>Misuse signals: a key's first use from a new client address, and refusals far above the key's usual level.</summary>
public sealed class AlertsTests : IDisposable
{
    private const string Network = "/v1/kalp/testnet/network";
    private readonly TempDirectory _data = new();
    private readonly ManualClock _clock = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_use_from_a_second_address_raises_new_client_address_on_the_key_and_in_the_summary()
    {
        await using var host = await UsageTestHost.StartAsync(_data.Path, _clock);
        var api = new ApiClient(host);
        var token = await api.SignUpAndLogInAsync("alerts@example.com");
        await api.SelectAsync(token);
        var (keyId, key) = await api.CreateKeyWithAsync(token, "bot");
        var (revokedId, revokedKey) = await api.CreateKeyWithAsync(token, "old");
        (await api.PostAsync($"/v1/keys/{revokedId}/revoke", null, token)).Status.ShouldBe(HttpStatusCode.OK);

        await host.ExecuteAndWaitAsync(async () =>
        {
            (await host.CallAsync(Network, key, "192.0.2.1", "bot/1")).Status.ShouldBe(200);
            (await host.CallAsync(Network, key, "192.0.2.1", "bot/1")).Status.ShouldBe(200);
            (await host.CallAsync(Network, revokedKey, "192.0.2.66", "thief/1")).Status.ShouldBe(401);
        });
        (await AlertsOfKeyAsync(api, token, keyId)).ShouldBeEmpty("the first address of a key is not an alert");

        await host.ExecuteAndWaitAsync(async () =>
        {
            (await host.CallAsync(Network, key, "192.0.2.99", "curl/8.0")).Status.ShouldBe(200);
            (await host.CallAsync(Network, key, "192.0.2.99", "curl/8.0")).Status.ShouldBe(200);
        });

        var alert = (await AlertsOfKeyAsync(api, token, keyId)).ShouldHaveSingleItem();
        alert.GetProperty("kind").GetString().ShouldBe("new_client_address");
        alert.GetProperty("clientAddress").GetString().ShouldBe("192.0.2.99");
        alert.GetProperty("userAgent").GetString().ShouldBe("curl/8.0");
        var (_, summary, _) = await api.GetAsync("/v1/usage/summary", token);
        var inSummary = summary.GetProperty("alerts").EnumerateArray().ShouldHaveSingleItem();
        inSummary.GetProperty("keyId").GetString().ShouldBe(keyId);
        inSummary.GetProperty("kind").GetString().ShouldBe("new_client_address");
        (await AlertsOfKeyAsync(api, token, revokedId)).ShouldBeEmpty("a refused call is not a use; it is in the rejections log");
    }

    [Fact]
    public async Task A_burst_of_refusals_far_above_the_usual_level_raises_one_rejection_spike()
    {
        await using var host = await UsageTestHost.StartAsync(_data.Path, _clock);
        var api = new ApiClient(host);
        var token = await api.SignUpAndLogInAsync("spike@example.com");
        await api.SelectAsync(token);
        var (keyId, key) = await api.CreateKeyWithAsync(token, "hammered", rateLimitPerSecond: 1);
        var (quietId, quietKey) = await api.CreateKeyWithAsync(token, "quiet", rateLimitPerSecond: 1);

        await host.ExecuteAndWaitAsync(async () =>
        {
            // A usual level: a few refusals spread over the baseline hour.
            for (var minute = 0; minute < 4; minute++)
            {
                await host.CallAsync(Network, quietKey);
                await host.CallAsync(Network, quietKey);
                _clock.Advance(TimeSpan.FromMinutes(15));
            }
            for (var i = 0; i < 30; i++)
                await host.CallAsync(Network, key, "192.0.2.7", "scraper/2");
            for (var i = 0; i < 5; i++)
                await host.CallAsync(Network, quietKey);
        });

        token = await RejectionsLogTests.LogInAsync(api, "spike@example.com"); // the clock moved past the access token's lifetime
        var spike = (await AlertsOfKeyAsync(api, token, keyId)).ShouldHaveSingleItem();
        spike.GetProperty("kind").GetString().ShouldBe("rejection_spike");
        spike.GetProperty("rejections").GetInt64().ShouldBe(20, "raised as soon as the threshold is met, once per window");
        spike.GetProperty("baselinePerMinute").GetDouble().ShouldBe(0);
        spike.GetProperty("clientAddress").GetString().ShouldBe("192.0.2.7");
        (await AlertsOfKeyAsync(api, token, quietId)).ShouldBeEmpty();
        var (_, usage, _) = await api.GetAsync($"/v1/keys/{keyId}/usage", token);
        usage.GetProperty("rejections").GetInt64().ShouldBe(29);
    }

    private static async Task<List<JsonElement>> AlertsOfKeyAsync(ApiClient api, string token, string keyId)
    {
        var (status, usage, _) = await api.GetAsync($"/v1/keys/{keyId}/usage", token);
        status.ShouldBe(HttpStatusCode.OK, usage.ToString());
        return usage.GetProperty("alerts").EnumerateArray().ToList();
    }
}

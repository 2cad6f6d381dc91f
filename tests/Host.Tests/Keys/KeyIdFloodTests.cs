using System.Net;
using Host.Tests.Support;
using Host.Tests.Usage;
using Wolverine.Tracking;

namespace Host.Tests.Keys;

/// <summary>A key's public id is not enough to lock out the real key (issue 12, item 4): wrong secrets may be refused,
/// the right one never, even after a restart when nothing about the key is in memory; and the status of a revoked key
/// is told only to whoever holds its secret.</summary>
public sealed class KeyIdFloodTests : IDisposable
{
    private const string Network = "/v1/kalp/testnet/network";
    private const int Flood = 30;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Keys:Throttling:KeySecretFailuresPerKey"] = "10",
        ["Keys:Throttling:KeySecretWindow"] = "00:01:00",
        // The refusals of a throttled id answer at once, so the flood takes no wall-clock time here.
        ["Keys:Throttling:KeySecretRefusalDelay"] = "00:00:00",
    };

    private readonly TempDirectory _data = new();
    private readonly Usage.ManualClock _clock = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task After_a_restart_a_flood_of_wrong_secrets_for_a_key_id_does_not_lock_out_the_real_key()
    {
        string key;
        await using (var first = await TestHost.StartAsync(_data.Path, Settings, _clock))
        {
            var api = new ApiClient(first);
            var token = await api.SignUpAndLogInAsync("owner@example.com");
            await api.SelectAsync(token);
            (_, key) = await api.CreateKeyAsync(token, "flooded");
        }

        await using var second = await TestHost.StartAsync(_data.Path, Settings, _clock);
        var client = new ApiClient(second);
        for (var i = 0; i < Flood; i++)
        {
            var (status, problem, _) = await client.GetAsync(Network, apiKey: UsageTestHost.WithWrongSecret(key, variant: i));
            status.ShouldBe(HttpStatusCode.Unauthorized);
            problem.Code().ShouldBe("key_invalid");
        }

        var (realStatus, body, _) = await client.GetAsync(Network, apiKey: key);
        realStatus.ShouldBe(HttpStatusCode.OK, body.ToString());

        for (var i = 0; i < Flood; i++)
            (await client.GetAsync(Network, apiKey: UsageTestHost.WithWrongSecret(key, variant: Flood + i))).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync(Network, apiKey: key)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_secret_for_a_revoked_key_is_key_invalid_in_the_answer_and_the_rejections_log()
    {
        await using var host = await UsageTestHost.StartAsync(_data.Path, _clock, settings: Settings);
        var api = new ApiClient(host);
        var token = await api.SignUpAndLogInAsync("owner@example.com");
        await api.SelectAsync(token);
        var (id, key) = await api.CreateKeyAsync(token, "revoked");
        (await api.PostAsync($"/v1/keys/{id}/revoke", null, token)).Status.ShouldBe(HttpStatusCode.OK);

        KeyedAnswer wrong = null!, right = null!;
        await host.ExecuteAndWaitAsync(async () =>
        {
            wrong = await host.CallAsync(Network, UsageTestHost.WithWrongSecret(key), "198.51.100.1", "guesser/1");
            right = await host.CallAsync(Network, key, "198.51.100.2", "holder/1");
        });

        wrong.Status.ShouldBe(401);
        wrong.Code.ShouldBe("key_invalid");
        right.Status.ShouldBe(401);
        right.Code.ShouldBe("key_revoked");

        var (status, page, _) = await api.GetAsync("/v1/usage/rejections?size=100", token);
        status.ShouldBe(HttpStatusCode.OK, page.ToString());
        var logged = page.GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("userAgent").GetString()!, i => (Code: i.GetProperty("code").GetString(), KeyId: i.GetProperty("keyId").GetString()));
        logged["guesser/1"].ShouldBe(("key_invalid", id));
        logged["holder/1"].ShouldBe(("key_revoked", id));
    }
}

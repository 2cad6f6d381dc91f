using System.Net;
using System.Text.Json;
using Host.Tests.Support;

namespace Host.Tests.Keys;

/// <summary>A graceful stop loses no key's <c>lastUsedAt</c>: keys used right before the stop (their calls still gathered
/// for publication, or published but not yet handled) show that use after a restart on the same LiteDB file
/// (PostgresLastUseStopTests: the same on PostgreSQL).</summary>
public sealed class LastUseFlusherStopTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Theory]
    // The longest publish window: the calls are still gathered for publication when the stop begins.
    [InlineData("00:00:01")]
    // None: the calls are published at once, and the stop meets them queued or being handled.
    [InlineData("00:00:00")]
    public Task Keys_used_right_before_a_graceful_stop_keep_their_last_use(string publishWindow) =>
        LastUseAcrossAStop.AssertKeptAsync(publishWindow, (settings, clock) => TestHost.StartAsync(_data.Path, settings, clock));
}

/// <summary>Keys used right before a graceful stop, read after a start on the same store.</summary>
internal static class LastUseAcrossAStop
{
    private const string Email = "last-use@example.com";

    /// <param name="start">Starts a host on the store under test with these settings and clock.</param>
    public static async Task AssertKeptAsync(string publishWindow, Func<IDictionary<string, string?>, TimeProvider, Task<IAlbaHost>> start)
    {
        var clock = new ManualClock(new DateTimeOffset(2031, 3, 1, 12, 0, 0, TimeSpan.Zero));
        // The longest flush interval: no periodic write can save the uses, only the stop's.
        var settings = new Dictionary<string, string?>
        {
            ["Usage:PublishWindow"] = publishWindow,
            ["Keys:LastUsedFlushInterval"] = "01:00:00",
        };
        var usedAt = clock.GetUtcNow();
        string[] keyIds;
        await using (var host = await start(settings, clock))
        {
            var api = new ApiClient(host);
            var token = await api.SignUpAndLogInAsync(Email);
            await api.SelectAsync(token);
            var keys = new List<(string Id, string Key)>();
            for (var i = 0; i < 3; i++)
                keys.Add(await api.CreateKeyAsync(token, $"k{i}"));
            foreach (var (_, key) in keys)
                (await api.GetAsync("/v1/kalp/testnet/network", apiKey: key)).Status.ShouldBe(HttpStatusCode.OK);
            keyIds = keys.Select(k => k.Id).ToArray();
        } // stopped at once: nothing read the keys (a read would show the pending use from memory only)

        await using var again = await start(settings, clock);
        var reader = new ApiClient(again);
        var (status, login, _) = await reader.PostAsync("/v1/auth/login", new { email = Email, password = "correct horse battery" });
        status.ShouldBe(HttpStatusCode.OK);
        var (listStatus, list, _) = await reader.GetAsync("/v1/keys", login.GetProperty("accessToken").GetString()!);
        listStatus.ShouldBe(HttpStatusCode.OK, list.ToString());
        var lastUse = list.GetProperty("items").EnumerateArray().ToDictionary(
            k => k.GetProperty("id").GetString()!,
            k => k.GetProperty("lastUsedAt").ValueKind == JsonValueKind.Null ? (DateTimeOffset?)null : k.GetProperty("lastUsedAt").GetDateTimeOffset());
        foreach (var keyId in keyIds)
            lastUse[keyId].ShouldBe(usedAt, $"key {keyId}");
    }
}

using System.Net;
using Host.Tests.Support;

namespace Host.Tests.Usage;

/// <summary>A graceful stop loses no counted call: calls answered just before the stop, still gathered for publication (a
/// publish window longer than the test), are stored by the time the host has stopped, and a new host on the same LiteDB
/// file reads exactly as many.</summary>
public sealed class GracefulStopCountingTests : IDisposable
{
    private const string Email = "stopping@example.com";
    private readonly TempDirectory _data = new();
    private readonly ManualClock _clock = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Calls_answered_right_before_a_graceful_stop_are_all_stored()
    {
        // The longest publish window allowed: the calls below are still waiting for it when the stop begins.
        var settings = new Dictionary<string, string?> { ["Usage:PublishWindow"] = "00:00:01" };
        const int calls = 40;
        await using (var host = await UsageTestHost.StartAsync(_data.Path, _clock, settings: settings))
        {
            var api = new ApiClient(host);
            var token = await api.SignUpAndLogInAsync(Email);
            await api.SelectAsync(token);
            var (_, key) = await api.CreateKeyAsync(token, "k");
            for (var i = 0; i < calls; i++)
                (await host.CallAsync("/v1/kalp/testnet/network", key)).Status.ShouldBe(200);
        } // stopped at once: no dashboard read flushed anything

        await using var again = await UsageTestHost.StartAsync(_data.Path, _clock, settings: settings);
        var reader = new ApiClient(again);
        var (status, login, _) = await reader.PostAsync("/v1/auth/login", new { email = Email, password = "correct horse battery" });
        status.ShouldBe(HttpStatusCode.OK);
        var (summaryStatus, summary, _) = await reader.GetAsync("/v1/usage/summary", login.GetProperty("accessToken").GetString()!);
        summaryStatus.ShouldBe(HttpStatusCode.OK, summary.ToString());
        summary.GetProperty("requests").GetInt64().ShouldBe(calls);
    }
}

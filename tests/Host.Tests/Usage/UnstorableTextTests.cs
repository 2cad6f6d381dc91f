using System.Net;
using Host.Tests.Support;
using Wolverine.Tracking;

namespace Host.Tests.Usage;

/// <summary>Issue 12, item 1: a keyed call whose user agent or path is cut at its length limit between the two halves of
/// a surrogate pair used to leave a lone surrogate in a usage record; LiteDB refused it, every later flush failed, every
/// usage read answered 500 for every account and counts acknowledged after it were lost at the next restart.</summary>
public sealed class UnstorableTextTests : IDisposable
{
    private const string Network = "/v1/kalp/testnet/network";
    private const string Emoji = "\U0001F600";
    private readonly TempDirectory _data = new();
    private readonly ManualClock _clock = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_user_agent_or_path_cut_inside_a_surrogate_pair_stops_no_ones_usage_and_counts_survive_a_restart()
    {
        // The user agent limit is 256 UTF-16 code units, the path limit 512: the emoji's first half is the last one kept.
        var agent = new string('a', 255) + Emoji;
        const string transactions = "/v1/kalp/testnet/transactions/";
        var path = transactions + new string('b', 511 - transactions.Length) + Emoji;

        string victimKeyId;
        await using (var host = await UsageTestHost.StartAsync(_data.Path, _clock))
        {
            var api = new ApiClient(host);
            var sender = await api.SignUpAndLogInAsync("sender@example.com");
            await api.SelectAsync(sender);
            var senderKey = await api.CreateKeyWithAsync(sender, "sender");
            var victim = await api.SignUpAndLogInAsync("victim@example.com");
            await api.SelectAsync(victim);
            var victimKey = await api.CreateKeyWithAsync(victim, "victim");
            victimKeyId = victimKey.Id;

            await host.ExecuteAndWaitAsync(async () =>
            {
                // Refused calls of an identified key: their user agent and path are stored in the owner's rejections log.
                (await host.CallAsync(Network, UsageTestHost.WithWrongSecret(senderKey.Key), userAgent: agent)).Status.ShouldBe(401);
                (await host.CallAsync(path, UsageTestHost.WithWrongSecret(senderKey.Key))).Status.ShouldBe(401);
                (await host.CallAsync(Network, victimKey.Key)).Status.ShouldBe(200);
            });

            var (status, summary, _) = await api.GetAsync("/v1/usage/summary", victim);
            status.ShouldBe(HttpStatusCode.OK, summary.ToString());
            summary.GetProperty("requests").GetInt64().ShouldBe(1);

            var (rejectionsStatus, rejections, _) = await api.GetAsync("/v1/usage/rejections", sender);
            rejectionsStatus.ShouldBe(HttpStatusCode.OK, rejections.ToString());
            var items = rejections.GetProperty("items").EnumerateArray().ToList();
            items.Count.ShouldBe(2);
            items.Select(i => i.GetProperty("userAgent").GetString()).ShouldContain(new string('a', 255));
            items.Select(i => i.GetProperty("path").GetString()).ShouldContain(path[..511]);

            // Calls answered after the bad ones are counted and written too.
            await host.ExecuteAndWaitAsync(async () => (await host.CallAsync(Network, victimKey.Key)).Status.ShouldBe(200));
            var (afterStatus, after, _) = await api.GetAsync($"/v1/keys/{victimKey.Id}/usage", victim);
            afterStatus.ShouldBe(HttpStatusCode.OK, after.ToString());
            after.GetProperty("requests").GetInt64().ShouldBe(2);
        }

        await using var restarted = await UsageTestHost.StartAsync(_data.Path, _clock);
        var again = new ApiClient(restarted);
        var victimToken = await RejectionsLogTests.LogInAsync(again, "victim@example.com");
        var (restartedStatus, usage, _) = await again.GetAsync($"/v1/keys/{victimKeyId}/usage", victimToken);
        restartedStatus.ShouldBe(HttpStatusCode.OK, usage.ToString());
        usage.GetProperty("requests").GetInt64().ShouldBe(2, "counts acknowledged before the restart survive it");
        var senderToken = await RejectionsLogTests.LogInAsync(again, "sender@example.com");
        var (_, log, _) = await again.GetAsync("/v1/usage/rejections", senderToken);
        log.GetProperty("total").GetInt64().ShouldBe(2);
    }

}

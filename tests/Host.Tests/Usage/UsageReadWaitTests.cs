using System.Net;
using Host.Tests.Support;
using KsQuery.Modules.Usage.Storage;
using KsQuery.Modules.Usage.Tracking;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;

namespace Host.Tests.Usage;

/// <summary>Issue 12, items 1 and 9: a usage read waits for the counting of the calls answered before it, but never without
/// bound. Past <c>Usage:ReadTimeout</c> it answers 503 <c>usage_unavailable</c> (never a partial count as if it were
/// exact); a key's details answer with the totals counted so far.</summary>
public sealed class UsageReadWaitTests : IDisposable
{
    private const string Network = "/v1/kalp/testnet/network";
    private readonly TempDirectory _data = new();
    private readonly ManualClock _clock = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_read_behind_a_stalled_usage_handler_answers_503_usage_unavailable_within_its_bound_then_exact_counts()
    {
        using var stall = new ManualResetEventSlim(false);
        await using var host = await UsageTestHost.StartAsync(_data.Path, _clock,
            settings: new Dictionary<string, string?> { ["Usage:ReadTimeout"] = "00:00:00.500" },
            replaceServices: services => services.AddSingleton<IUsageStore>(sp =>
                new StallingStore(new LiteDbUsageStore(sp.GetRequiredService<ILiteDatabase>()), stall)));
        try
        {
            var api = new ApiClient(host);
            var token = await api.SignUpAndLogInAsync("stalled@example.com");
            await api.SelectAsync(token);
            var key = await api.CreateKeyWithAsync(token, "stalled");

            // The usage handler's first look at the key (its known client addresses) blocks until the test lets it go.
            for (var i = 0; i < 3; i++)
                (await host.CallAsync(Network, key.Key)).Status.ShouldBe(200);

            foreach (var url in new[] { "/v1/usage/summary", "/v1/usage/timeseries", "/v1/usage/rejections", $"/v1/keys/{key.Id}/usage" })
            {
                // A hang guard, not a timing assertion: before the fix these reads waited as long as the handler.
                var (status, problem, response) = await api.GetAsync(url, token).WaitAsync(TimeSpan.FromSeconds(60));
                status.ShouldBe(HttpStatusCode.ServiceUnavailable, $"{url}: {problem}");
                problem.Code().ShouldBe("usage_unavailable");
                response.Headers.RetryAfter.ShouldNotBeNull(url);
            }
            var (keyStatus, details, _) = await api.GetAsync($"/v1/keys/{key.Id}", token).WaitAsync(TimeSpan.FromSeconds(60));
            keyStatus.ShouldBe(HttpStatusCode.OK, details.ToString());

            stall.Set();
            var events = host.Services.GetRequiredService<UsageEventBuffer>();
            (await events.FlushAsync(TimeSpan.FromSeconds(60), CancellationToken.None)).ShouldBeTrue();

            var (okStatus, summary, _) = await api.GetAsync("/v1/usage/summary", token);
            okStatus.ShouldBe(HttpStatusCode.OK, summary.ToString());
            summary.GetProperty("requests").GetInt64().ShouldBe(3);
        }
        finally
        {
            stall.Set();
        }
    }

    private sealed class StallingStore(IUsageStore real, ManualResetEventSlim stall) : IUsageStore
    {
        public IReadOnlyList<string> Addresses(string keyId)
        {
            stall.Wait();
            return real.Addresses(keyId);
        }

        public void Write(UsageBatch batch) => real.Write(batch);

        public bool IsStoreFailure(Exception error) => real.IsStoreFailure(error);

        public IReadOnlyList<StoredBucket> Buckets(BucketFilter filter) => real.Buckets(filter);

        public (IReadOnlyList<StoredRejection> Items, long Total) Rejections(string accountId, DateTimeOffset? from, DateTimeOffset? to, int skip, int take) =>
            real.Rejections(accountId, from, to, skip, take);

        public (IReadOnlyList<StoredRejection> Items, long Total) KeyRejections(string keyId, DateTimeOffset? from, DateTimeOffset? to, int take) =>
            real.KeyRejections(keyId, from, to, take);

        public IReadOnlyList<StoredAlert> Alerts(string accountId, string? keyId, DateTimeOffset? from, DateTimeOffset? to, int max) =>
            real.Alerts(accountId, keyId, from, to, max);

        public long RollUp(BucketSpan into, DateTimeOffset before, CancellationToken cancellationToken) =>
            real.RollUp(into, before, cancellationToken);

        public long DeleteBuckets(DateTimeOffset before) => real.DeleteBuckets(before);

        public void Trim(DateTimeOffset before, int maxRejections) => real.Trim(before, maxRejections);

        public void DeleteAccount(string accountId, IReadOnlyCollection<string> keyIds) => real.DeleteAccount(accountId, keyIds);
    }
}

using KsQuery.Modules.Usage;
using KsQuery.Modules.Usage.Queries;
using KsQuery.Modules.Usage.Storage;
using KsQuery.Modules.Usage.Tracking;
using Microsoft.Extensions.Time.Testing;
using Usage.Tests.Support;

namespace Usage.Tests.Queries;

public sealed class UsageQueriesTests
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_read_gives_up_at_its_timeout_when_earlier_calls_are_not_counted()
    {
        using var usage = new Support.Usage(new UsageOptions { ReadTimeout = TimeSpan.FromSeconds(5) });
        var time = new FakeTimeProvider(T0);
        var events = new UsageEventBuffer(time);
        var queries = new UsageQueries(usage.Aggregator, usage.Store, events, usage.Options, time);
        events.Add(Support.Usage.Served("k", T0));

        var read = queries.BucketsAsync(new BucketFilter(AccountId: "acct"), CancellationToken.None);
        read.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(5));

        await Should.ThrowAsync<UsageUnavailableException>(read.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_read_while_the_store_cannot_be_written_is_unavailable_not_short_and_nothing_is_lost()
    {
        var broken = true;
        using var usage = new Support.Usage(store: real => new RefusingUsageStore(real, _ => broken) { Error = () => new IOException("disk gone") });
        var queries = new UsageQueries(usage.Aggregator, usage.Store, new UsageEventBuffer(TimeProvider.System), usage.Options, TimeProvider.System);
        usage.Aggregator.Add(Support.Usage.Served("k", T0));

        await Should.ThrowAsync<UsageUnavailableException>(queries.BucketsAsync(new BucketFilter(AccountId: "acct"), CancellationToken.None));

        broken = false;
        (await queries.BucketsAsync(new BucketFilter(AccountId: "acct"), CancellationToken.None)).Sum(b => b.Requests).ShouldBe(1);
    }
}

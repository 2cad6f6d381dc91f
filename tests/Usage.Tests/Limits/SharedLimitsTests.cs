using KsQuery.Contracts.Http;
using KsQuery.Contracts.Storage.Postgres;
using KsQuery.Modules.Usage.Limits;
using KsQuery.Modules.Usage.Limits.Shared;
using KsQuery.Modules.Usage.Storage.Postgres;
using KsQuery.Tests.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Usage.Tests.Limits;

/// <summary>Rate limits and monthly quotas held across instances sharing one PostgreSQL database: every check answers from
/// memory, the instances exchange their counts (here one exchange at a time, in a fixed order, on one fake clock).</summary>
[Collection(PostgresCollection.Name)]
public sealed class SharedLimitsTests(PostgresCluster cluster) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 15, 12, 0, 0, TimeSpan.Zero));
    private readonly List<Instance> _instances = [];
    private NpgsqlDataSource? _dataSource;

    public async Task InitializeAsync()
    {
        if (!PostgresBinaries.IsAvailable && !PostgresBinaries.IsRequired)
            return;
        _dataSource = NpgsqlDataSource.Create(await cluster.CreateDatabaseAsync());
        PostgresMigrations.Apply(_dataSource, [new PostgresModuleMigrations(UsageMigrations.Module, UsageMigrations.Steps)]);
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
            instance.Dispose();
        if (_dataSource is not null)
            await _dataSource.DisposeAsync();
    }

    [PostgresFact]
    public async Task A_flood_reaching_two_instances_is_held_to_the_limit_plus_the_documented_tolerance()
    {
        var (a, b) = await TwoInstancesAsync();
        var key = Support.Usage.Key("k", perSecond: 10);

        var served = a.Calls(key, 20) + b.Calls(key, 20);
        served.ShouldBe(10, "before their first exchange of the second each instance takes its half");
        for (var round = 0; round < 5; round++)
        {
            await a.ExchangeAsync();
            await b.ExchangeAsync();
            served += a.Calls(key, 20) + b.Calls(key, 20);
        }

        // Tolerance: ceil(limit * (N - 1) / N^2) = 3 with N = 2 (what one instance takes of a remainder the other has used).
        served.ShouldBeInRange(10, 13);
        _time.Advance(TimeSpan.FromSeconds(1));
        (a.Calls(key, 20) + b.Calls(key, 20)).ShouldBe(10, "a new second starts afresh");
    }

    [PostgresFact]
    public async Task Calls_reaching_only_one_of_two_instances_get_the_whole_limit_and_never_more()
    {
        var (a, b) = await TwoInstancesAsync();
        var key = Support.Usage.Key("k", perSecond: 10);

        var served = a.Calls(key, 20);
        served.ShouldBe(5);
        for (var round = 0; round < 6; round++)
        {
            await a.ExchangeAsync();
            await b.ExchangeAsync();
            served += a.Calls(key, 20);
        }

        served.ShouldBe(10);
    }

    [PostgresFact]
    public async Task A_monthly_quota_holds_across_instances_after_one_exchange_and_survives_a_restart()
    {
        var (a, b) = await TwoInstancesAsync();
        var key = Support.Usage.Key("k", perSecond: 1000, quota: 10);

        // Before any exchange each sees only its own calls: 12 of a quota of 10 (the tolerance: one exchange interval).
        (a.Calls(key, 6) + b.Calls(key, 6)).ShouldBe(12);
        await a.ExchangeAsync();
        await b.ExchangeAsync();
        await a.ExchangeAsync();

        a.Limits.Acquire(key, _time.GetUtcNow()).RefusalCode.ShouldBe("quota_exceeded");
        b.Limits.Acquire(key, _time.GetUtcNow()).RefusalCode.ShouldBe("quota_exceeded");
        var restarted = Start("c");
        restarted.Limits.Peek(key, _time.GetUtcNow()).Remaining.ShouldBe(0, "a new instance loads every instance's count of the month");
        restarted.Limits.Acquire(key, _time.GetUtcNow()).RefusalCode.ShouldBe("quota_exceeded");
    }

    private async Task<(Instance A, Instance B)> TwoInstancesAsync()
    {
        var a = Start("a");
        var b = Start("b");
        // Heartbeats: each learns the other is there.
        await a.ExchangeAsync();
        await b.ExchangeAsync();
        await a.ExchangeAsync();
        (a.Instances.Count, b.Instances.Count).ShouldBe((2, 2));
        return (a, b);
    }

    private Instance Start(string name)
    {
        var instance = new Instance(_dataSource!, new UsageInstance(name), _time);
        _instances.Add(instance);
        return instance;
    }

    private sealed class Instance : IDisposable
    {
        private readonly Support.Usage _usage = new();
        private readonly TimeProvider _time;
        private readonly LimitExchange _exchange;

        public Instance(NpgsqlDataSource dataSource, UsageInstance instance, TimeProvider time)
        {
            _time = time;
            var counts = new PostgresLimitCounts(dataSource, instance);
            var quota = new QuotaTracker(_usage.Aggregator, counts);
            Limits = new KeyLimits(quota, time, Instances);
            _exchange = new LimitExchange(Limits, quota, Instances, counts, Options.Create(new LimitExchangeOptions()), time,
                NullLogger<LimitExchange>.Instance);
        }

        public LimitInstances Instances { get; } = new();

        public KeyLimits Limits { get; }

        public int Calls(VerifiedKey key, int count)
        {
            var served = 0;
            for (var i = 0; i < count; i++)
                if (Limits.Acquire(key, _time.GetUtcNow()).RefusalCode is null)
                    served++;
            return served;
        }

        public Task ExchangeAsync() => _exchange.ExchangeAsync(default);

        public void Dispose()
        {
            Limits.Dispose();
            _exchange.Dispose();
            _usage.Dispose();
        }
    }
}

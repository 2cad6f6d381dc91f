using Keys.Tests.Support;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Authentication;
using KsQuery.Modules.Keys.CacheSync;
using KsQuery.Modules.Keys.Storage;
using KsQuery.Tests.Postgres;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Keys.Tests.CacheSync;

/// <summary>Evictions announced by one instance reach every other instance on the same PostgreSQL database (not one
/// competing consumer), and an instance ignores its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class KeyEvictionListenerTests(PostgresCluster cluster)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [PostgresFact]
    public async Task An_eviction_announced_by_one_instance_evicts_the_key_on_every_other_instance_and_not_again_on_its_own()
    {
        await using var dataSource = NpgsqlDataSource.Create(await cluster.CreateDatabaseAsync());
        await using var a = await Instance.StartAsync(dataSource);
        await using var b = await Instance.StartAsync(dataSource);
        await using var c = await Instance.StartAsync(dataSource);
        foreach (var instance in new[] { a, b, c })
            instance.Cache.TryAdd(Cached("k1"), instance.Cache.Version);

        await b.Broadcast.EvictElsewhereAsync("k1", default);

        (await a.Evictions.Next.Task.WaitAsync(Bound)).ShouldBe("k1");
        (await c.Evictions.Next.Task.WaitAsync(Bound)).ShouldBe("k1");
        a.Cache.TryGet("k1", out _).ShouldBeFalse();
        c.Cache.TryGet("k1", out _).ShouldBeFalse();

        // Notifications arrive in order: b's first eviction is a's later one, not its own.
        await a.Broadcast.EvictElsewhereAsync("k2", default);
        (await b.Evictions.Next.Task.WaitAsync(Bound)).ShouldBe("k2");
        b.Cache.TryGet("k1", out _).ShouldBeTrue("the instance that announced it evicts its own cache itself, before announcing");
    }

    private static CachedKey Cached(string keyId) =>
        new(new VerifiedKey(keyId, "acc-1", "kalp", "testnet", "ksq_test_abcd…wxyz", 10, null), new byte[32], null, null);

    private sealed class Instance : IAsyncDisposable
    {
        private readonly LiteDatabase _database = new(":memory:");
        private KeyEvictionListener? _listener;

        public VerifiedKeyCache Cache { get; } = new();
        public Recorder Evictions { get; private set; } = null!;
        public PostgresKeyCacheBroadcast Broadcast { get; private set; } = null!;

        public static async Task<Instance> StartAsync(NpgsqlDataSource dataSource)
        {
            var instance = new Instance();
            instance.Evictions = new Recorder(instance.Cache);
            instance.Broadcast = new PostgresKeyCacheBroadcast(dataSource);
            var revalidator = new VerifiedKeyRevalidator(instance.Cache, instance.Evictions, new CountingKeyStore(),
                new LiteDbAccountStore(instance._database), TimeProvider.System);
            instance._listener = new KeyEvictionListener(dataSource, instance.Broadcast, instance.Evictions, revalidator, TimeProvider.System,
                NullLogger<KeyEvictionListener>.Instance);
            await instance._listener.StartAsync(default); // returns once LISTEN is in place
            return instance;
        }

        public async ValueTask DisposeAsync()
        {
            if (_listener is not null)
            {
                await _listener.StopAsync(default);
                _listener.Dispose();
            }
            _database.Dispose();
        }
    }

    /// <summary>The real cache, telling the test which key was evicted first.</summary>
    private sealed class Recorder(VerifiedKeyCache cache) : IVerifiedKeyCache
    {
        public TaskCompletionSource<string> Next { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Evict(string keyId)
        {
            cache.Evict(keyId);
            Next.TrySetResult(keyId);
        }
    }
}

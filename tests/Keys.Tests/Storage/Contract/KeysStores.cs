using KsQuery.Contracts.Storage.Postgres;
using KsQuery.Modules.Keys.Audit;
using KsQuery.Modules.Keys.Storage;
using KsQuery.Modules.Keys.Storage.Postgres;
using KsQuery.Tests.Postgres;
using LiteDB;
using Npgsql;

namespace Keys.Tests.Storage.Contract;

/// <summary>The Keys module's six stores over one storage: a LiteDB file in a temp directory, or a fresh PostgreSQL database
/// migrated to this release. <see cref="OpenAnother"/> gives the stores another writer uses: a second instance's over the
/// same PostgreSQL database; for LiteDB, which one process holds, the same objects.</summary>
internal sealed class KeysStores : IAsyncDisposable
{
    private readonly Func<KeysStores> _another;
    private readonly IAsyncDisposable _storage;

    private KeysStores(IAccountStore accounts, IApiKeyStore keys, ITeamStore teams, ISessionStore sessions, IEndedSessionStore endedSessions,
        IAuditStore audit, IAsyncDisposable storage, Func<KeysStores> another)
    {
        (Accounts, Keys, Teams, Sessions, EndedSessions, Audit) = (accounts, keys, teams, sessions, endedSessions, audit);
        (_storage, _another) = (storage, another);
    }

    public IAccountStore Accounts { get; }
    public IApiKeyStore Keys { get; }
    public ITeamStore Teams { get; }
    public ISessionStore Sessions { get; }
    public IEndedSessionStore EndedSessions { get; }
    public IAuditStore Audit { get; }

    public KeysStores OpenAnother() => _another();

    public ValueTask DisposeAsync() => _storage.DisposeAsync();

    /// <summary>A real LiteDB file (as the host opens it), not <c>:memory:</c>.</summary>
    public static KeysStores LiteDb()
    {
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "ksq-contract-" + Guid.NewGuid().ToString("N"))).FullName;
        var file = Path.Combine(directory, "ksquery.db");
        var database = new LiteDatabase(new ConnectionString { Filename = file, Connection = ConnectionType.Direct });
        var storage = new Disposal(() =>
        {
            database.Dispose();
            Directory.Delete(directory, recursive: true);
        });
        // One process holds a LiteDB file, with one object per store (as the host registers them): "another" is the same set.
        KeysStores? stores = null;
        stores = new KeysStores(new LiteDbAccountStore(database), new LiteDbApiKeyStore(database), new LiteDbTeamStore(database),
            new LiteDbSessionStore(database), new LiteDbEndedSessionStore(database), new LiteDbAuditStore(database), storage, () => stores!);
        return stores;
    }

    public static async Task<KeysStores> PostgresAsync(PostgresCluster cluster)
    {
        var connectionString = await cluster.CreateDatabaseAsync();
        var dataSources = new List<NpgsqlDataSource>();
        KeysStores Open()
        {
            var dataSource = NpgsqlDataSource.Create(connectionString);
            dataSources.Add(dataSource);
            PostgresMigrations.Apply(dataSource, [new PostgresModuleMigrations(KeysSchema.Module, KeysSchema.Steps)]);
            return new(new PostgresAccountStore(dataSource), new PostgresApiKeyStore(dataSource), new PostgresTeamStore(dataSource),
                new PostgresSessionStore(dataSource), new PostgresEndedSessionStore(dataSource), new PostgresAuditStore(dataSource),
                new Disposal(() => { }), Open);
        }
        var first = Open();
        var storage = new Disposal(() =>
        {
            foreach (var dataSource in dataSources)
                dataSource.Dispose();
        });
        return new KeysStores(first.Accounts, first.Keys, first.Teams, first.Sessions, first.EndedSessions, first.Audit, storage, Open);
    }

    private sealed class Disposal(Action dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            dispose();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Base of the Keys module's store contracts: each test gets a fresh storage.</summary>
public abstract class KeysStoreContract : IAsyncLifetime
{
    private protected KeysStores Stores { get; private set; } = null!;

    private protected abstract Task<KeysStores> OpenAsync();

    public async Task InitializeAsync() => Stores = await OpenAsync();

    public async Task DisposeAsync() => await Stores.DisposeAsync();

    /// <summary>A fixed instant with sub-microsecond ticks, so a store that loses precision is caught.</summary>
    protected static readonly DateTimeOffset Now = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567);
}

using KsQuery.Contracts.Storage.Postgres;
using KsQuery.Modules.Usage.Storage;
using KsQuery.Modules.Usage.Storage.Postgres;
using KsQuery.Tests.Postgres;
using Npgsql;

namespace Usage.Tests.Storage.Contract;

/// <summary>The contract against PostgreSQL: a fresh database migrated as at start, two instances writing to it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresUsageStoreContractTests(PostgresCluster cluster) : UsageStoreContract, IPostgresStoreTests
{
    private NpgsqlDataSource? _dataSource;

    internal override async Task<(IUsageStore First, IUsageStore Second)> CreateStoresAsync()
    {
        if (!PostgresBinaries.IsAvailable && !PostgresBinaries.IsRequired)
            return (null!, null!); // every test is skipped (StoreContractFact)
        _dataSource = NpgsqlDataSource.Create(await cluster.CreateDatabaseAsync());
        PostgresMigrations.Apply(_dataSource, [new PostgresModuleMigrations(UsageMigrations.Module, UsageMigrations.Steps)]);
        return (new PostgresUsageStore(_dataSource, new UsageInstance("a")), new PostgresUsageStore(_dataSource, new UsageInstance("b")));
    }

    public override async Task DisposeAsync()
    {
        if (_dataSource is not null)
            await _dataSource.DisposeAsync();
    }
}

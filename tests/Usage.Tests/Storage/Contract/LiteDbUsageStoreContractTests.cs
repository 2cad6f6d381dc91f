using KsQuery.Modules.Usage.Storage;
using LiteDB;

namespace Usage.Tests.Storage.Contract;

/// <summary>The contract against LiteDB: a real file in a temp directory, two store objects on it.</summary>
public sealed class LiteDbUsageStoreContractTests : UsageStoreContract
{
    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "ksq-usage-" + Guid.NewGuid().ToString("N"))).FullName;
    private LiteDatabase? _database;

    internal override Task<(IUsageStore First, IUsageStore Second)> CreateStoresAsync()
    {
        _database = new LiteDatabase(new ConnectionString { Filename = Path.Combine(_directory, "ksquery.db"), Connection = ConnectionType.Direct });
        return Task.FromResult<(IUsageStore, IUsageStore)>((new LiteDbUsageStore(_database), new LiteDbUsageStore(_database)));
    }

    public override Task DisposeAsync()
    {
        _database?.Dispose();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

using LiteDB;
using Npgsql;

namespace KsQuery.Host.Health;

/// <summary>Reads and writes the store once: what every login, key creation and usage flush needs. One small document
/// in a collection of its own, overwritten each time; with the PostgreSQL store selected, also a round trip to it that
/// checks it accepts writes (after a failover to a read-only replica it does not). The data source is registered only
/// when PostgreSQL is selected.</summary>
internal sealed class StoreProbe(ILiteDatabase database, TimeProvider time, NpgsqlDataSource? postgres = null)
{
    private const string Collection = "host_probe";

    public void Run()
    {
        var probes = database.GetCollection(Collection);
        var at = time.GetUtcNow().UtcDateTime;
        probes.Upsert(new BsonDocument { ["_id"] = "probe", ["at"] = at });
        if (probes.FindById("probe") is null)
            throw new InvalidOperationException("the probe document written to the store could not be read back");
        if (postgres is not null)
            RunOn(postgres);
    }

    private static void RunOn(NpgsqlDataSource postgres)
    {
        using var command = postgres.CreateCommand("SELECT current_setting('transaction_read_only')");
        if (command.ExecuteScalar() is not "off")
            throw new InvalidOperationException("the PostgreSQL store (KSQUERY_STORE) accepts no writes: it is read-only");
    }
}

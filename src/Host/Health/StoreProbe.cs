using LiteDB;

namespace KsQuery.Host.Health;

/// <summary>Reads and writes the store once: what every login, key creation and usage flush needs. One small document
/// in a collection of its own, overwritten each time.</summary>
internal sealed class StoreProbe(ILiteDatabase database, TimeProvider time)
{
    private const string Collection = "host_probe";

    public void Run()
    {
        var probes = database.GetCollection(Collection);
        var at = time.GetUtcNow().UtcDateTime;
        probes.Upsert(new BsonDocument { ["_id"] = "probe", ["at"] = at });
        if (probes.FindById("probe") is null)
            throw new InvalidOperationException("the probe document written to the store could not be read back");
    }
}

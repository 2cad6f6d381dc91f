namespace KsQuery.Modules.Usage.Storage.Postgres;

/// <summary>This process among the instances sharing one PostgreSQL store: the owner of the usage rows and limit counts it
/// writes. New at every start (a restarted instance's earlier rows are simply another writer's, still summed).</summary>
internal sealed record UsageInstance(string Id)
{
    public static UsageInstance New() => new($"{Environment.MachineName}-{Guid.NewGuid():N}"[..Math.Min(64, Environment.MachineName.Length + 33)]);
}

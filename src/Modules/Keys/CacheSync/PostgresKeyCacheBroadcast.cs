using Npgsql;

namespace KsQuery.Modules.Keys.CacheSync;

/// <summary>Evictions through PostgreSQL's NOTIFY on <see cref="Channel"/>: every instance LISTENing receives each one
/// (<see cref="KeyEvictionListener"/>), unlike a queue's competing consumers. The payload is <c>instance|keyId</c>, so an
/// instance skips its own.</summary>
internal sealed class PostgresKeyCacheBroadcast(NpgsqlDataSource dataSource) : IKeyCacheBroadcast
{
    public static readonly string Channel = "ksq_key_evictions";

    /// <summary>This process among the instances (new at every start).</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N");

    public async Task EvictElsewhereAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT pg_notify('{Channel}', $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = Payload(Instance, keyId) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static string Payload(string instance, string keyId) => instance + "|" + keyId;

    /// <summary>The key id of a notification from another instance; null for this instance's own or a malformed one.</summary>
    public string? KeyIdFromElsewhere(string payload)
    {
        var bar = payload.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0 || bar == payload.Length - 1)
            return null;
        return payload.AsSpan(0, bar).SequenceEqual(Instance) ? null : payload[(bar + 1)..];
    }
}

using KsQuery.Modules.Usage.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace KsQuery.Modules.Usage.Limits.Shared;

/// <summary>The counters instances share in PostgreSQL: each adds what it let through and reads back the total of all.</summary>
internal sealed class PostgresLimitCounts(NpgsqlDataSource dataSource, UsageInstance instance) : ISharedQuotaCounts
{
    public long Load(string keyId, DateTimeOffset month)
    {
        using var command = dataSource.CreateCommand("SELECT coalesce(sum(used), 0)::bigint FROM ksq_usage.quota_counts WHERE key_id = $1 AND month = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = keyId });
        command.Parameters.Add(new NpgsqlParameter { Value = month.UtcDateTime });
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Adds each key's calls of a second and answers the totals (every instance's) by key.</summary>
    public async Task<Dictionary<string, long>> AddRateAsync(IReadOnlyList<(string KeyId, long Second, long Sent)> counts, CancellationToken cancellationToken) =>
        await AddAsync("""
            INSERT INTO ksq_usage.rate_counts (key_id, second, used) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])
            ON CONFLICT (key_id, second) DO UPDATE SET used = rate_counts.used + excluded.used RETURNING key_id, used
            """, counts.Select(c => c.KeyId).ToArray(), counts.Select(c => c.Second).ToArray(), counts.Select(c => c.Sent).ToArray(), cancellationToken);

    /// <summary>Adds each key's calls of a month and answers the totals (every instance's) by key.</summary>
    public async Task<Dictionary<string, long>> AddQuotaAsync(IReadOnlyList<(string KeyId, DateTimeOffset Month, long Sent)> counts, CancellationToken cancellationToken) =>
        await AddAsync("""
            INSERT INTO ksq_usage.quota_counts (key_id, month, used) SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::bigint[])
            ON CONFLICT (key_id, month) DO UPDATE SET used = quota_counts.used + excluded.used RETURNING key_id, used
            """, counts.Select(c => c.KeyId).ToArray(), counts.Select(c => c.Month.UtcDateTime).ToArray(), counts.Select(c => c.Sent).ToArray(), cancellationToken);

    /// <summary>Records this instance as alive at <paramref name="now"/> and answers how many were seen since <paramref name="since"/>.</summary>
    public async Task<int> HeartbeatAsync(DateTimeOffset now, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH beat AS (
                INSERT INTO ksq_usage.limit_instances (instance, seen_at) VALUES ($1, $2)
                ON CONFLICT (instance) DO UPDATE SET seen_at = excluded.seen_at)
            SELECT 1 + count(*) FROM ksq_usage.limit_instances WHERE seen_at >= $3 AND instance <> $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = instance.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = since.UtcDateTime });
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Drops the counts of seconds before <paramref name="second"/> and instances not seen since <paramref name="since"/>.</summary>
    public async Task PruneAsync(long second, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var rates = new NpgsqlBatchCommand("DELETE FROM ksq_usage.rate_counts WHERE second < $1");
        rates.Parameters.Add(new NpgsqlParameter { Value = second });
        batch.BatchCommands.Add(rates);
        var instances = new NpgsqlBatchCommand("DELETE FROM ksq_usage.limit_instances WHERE seen_at < $1");
        instances.Parameters.Add(new NpgsqlParameter { Value = since.UtcDateTime });
        batch.BatchCommands.Add(instances);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<Dictionary<string, long>> AddAsync<T>(string sql, string[] keys, T[] windows, long[] sent, CancellationToken cancellationToken)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        if (keys.Length == 0)
            return totals;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = windows });
        command.Parameters.Add(new NpgsqlParameter { Value = sent });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            totals[reader.GetString(0)] = reader.GetInt64(1);
        return totals;
    }
}

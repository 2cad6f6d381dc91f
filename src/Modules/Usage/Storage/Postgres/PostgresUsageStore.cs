using System.Data;
using System.Net.Sockets;
using KsQuery.Modules.Usage.Aggregation;
using Npgsql;
using NpgsqlTypes;

namespace KsQuery.Modules.Usage.Storage.Postgres;

/// <summary>The module's tables in PostgreSQL (schema <c>ksq_usage</c>). Each instance adds its batches to rows of its own
/// (<c>instance</c> column, <see cref="UsageInstance"/>), so no two instances ever write the same bucket row; reads sum the
/// rows of every instance, so usage from all of them adds up exactly.</summary>
internal sealed class PostgresUsageStore(NpgsqlDataSource dataSource, UsageInstance instance) : IUsageStore
{
    /// <summary>The instance rolled-up (hour and day) buckets are kept under: any instance may roll up anyone's minutes.</summary>
    public const string RolledUpInstance = "*";

    private const int RollUpChunk = 500;

    // pg_advisory_xact_lock key of roll-ups ("KSQroll"): one instance rolls up at a time.
    private const long RollUpLock = 0x4B5351726F6C6C00;

    private const string BucketColumns =
        "id, key_id, account_id, chain, network, api_id, status, code, minute, span, requests, total_ms, max_ms, last_at, last_used_at, histogram";

    private const string AddToBucket = $"""
        INSERT INTO ksq_usage.buckets (instance, {BucketColumns})
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
        ON CONFLICT (instance, id) DO UPDATE SET
            requests = buckets.requests + excluded.requests,
            total_ms = buckets.total_ms + excluded.total_ms,
            max_ms = greatest(buckets.max_ms, excluded.max_ms),
            last_at = greatest(buckets.last_at, excluded.last_at),
            last_used_at = greatest(buckets.last_used_at, excluded.last_used_at),
            histogram = ksq_usage.add_histograms(buckets.histogram, excluded.histogram)
        """;

    public void Write(UsageBatch batch)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using var commands = new NpgsqlBatch(connection, transaction);
        foreach (var (key, counts) in batch.Buckets)
            commands.BatchCommands.Add(BucketUpsert(instance.Id, StoredBucket.From(key, counts)));
        foreach (var r in batch.Rejections)
        {
            commands.BatchCommands.Add(Command("""
                INSERT INTO ksq_usage.rejections (at, account_id, key_id, display, code, status, ip, user_agent, method, path, restriction)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                """, Utc(r.At), r.AccountId, r.KeyId, r.Display, r.Code, r.Status, r.Ip, r.UserAgent, r.Method, r.Path, r.Restriction));
        }
        foreach (var a in batch.Alerts)
        {
            commands.BatchCommands.Add(Command("""
                INSERT INTO ksq_usage.alerts (at, account_id, key_id, kind, detail, client_address, user_agent, rejections, baseline_per_minute)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                """, Utc(a.At), a.AccountId, a.KeyId, a.Kind, a.Detail, a.ClientAddress, a.UserAgent, a.Rejections, a.BaselinePerMinute));
        }
        foreach (var address in batch.Addresses)
        {
            commands.BatchCommands.Add(Command(
                "INSERT INTO ksq_usage.addresses (key_id, address, first_seen) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                address.KeyId, address.Address, Utc(address.FirstSeen)));
        }
        if (commands.BatchCommands.Count > 0)
            commands.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>Unreachable, shutting down, out of resources or timed out: the store as a whole. A statement the server
    /// refused for what it was given (text it cannot encode, a value out of range) is not.</summary>
    public bool IsStoreFailure(Exception error) => error switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
            || pg.SqlState.StartsWith("53", StringComparison.Ordinal)                 // insufficient resources
            || pg.SqlState.StartsWith("57", StringComparison.Ordinal)                 // operator intervention (shutdown, cancel)
            || pg.SqlState.StartsWith("58", StringComparison.Ordinal)                 // system error (I/O)
            || pg.SqlState is "40001" or "40P01" or "55P03" || pg.IsTransient,        // serialization, deadlock, lock not available
        NpgsqlException or IOException or SocketException or TimeoutException or ObjectDisposedException => true,
        InvalidOperationException { InnerException: { } inner } => IsStoreFailure(inner),
        _ => false,
    };

    public IReadOnlyList<StoredBucket> Buckets(BucketFilter filter)
    {
        var sql = $"SELECT {BucketColumns} FROM ksq_usage.buckets WHERE ($1::text IS NULL OR key_id = $1) AND ($2::text IS NULL OR account_id = $2) " +
                  "AND ($3::timestamptz IS NULL OR minute >= $3) AND ($4::timestamptz IS NULL OR minute < $4)";
        using var connection = dataSource.OpenConnection();
        using var command = Query(connection, sql, filter.KeyId, filter.AccountId, Utc(filter.From), Utc(filter.To));
        // One bucket per id: the rows of every instance summed.
        var merged = new Dictionary<string, StoredBucket>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var bucket = ReadBucket(reader, 0);
            if (merged.TryGetValue(bucket.Id, out var existing))
                existing.Merge(bucket);
            else
                merged[bucket.Id] = bucket;
        }
        return [.. merged.Values];
    }

    public (IReadOnlyList<StoredRejection> Items, long Total) Rejections(string accountId, DateTimeOffset? from, DateTimeOffset? to, int skip, int take) =>
        ReadRejections("account_id", accountId, from, to, skip, take);

    public (IReadOnlyList<StoredRejection> Items, long Total) KeyRejections(string keyId, DateTimeOffset? from, DateTimeOffset? to, int take) =>
        ReadRejections("key_id", keyId, from, to, 0, take);

    private (IReadOnlyList<StoredRejection> Items, long Total) ReadRejections(string column, string value, DateTimeOffset? from, DateTimeOffset? to, int skip, int take)
    {
        var where = $"{column} = $1 AND ($2::timestamptz IS NULL OR at >= $2) AND ($3::timestamptz IS NULL OR at < $3)";
        using var connection = dataSource.OpenConnection();
        using var count = Query(connection, $"SELECT count(*) FROM ksq_usage.rejections WHERE {where}", value, Utc(from), Utc(to));
        var total = (long)count.ExecuteScalar()!;
        using var query = Query(connection, $"""
            SELECT at, account_id, key_id, display, code, status, ip, user_agent, method, path, restriction
            FROM ksq_usage.rejections WHERE {where} ORDER BY at DESC, seq DESC OFFSET $4 LIMIT $5
            """, value, Utc(from), Utc(to), (long)skip, (long)take);
        return (ReadAll(query, ReadRejection), total);
    }

    private static StoredRejection ReadRejection(NpgsqlDataReader reader) => new()
    {
        At = reader.GetFieldValue<DateTime>(0),
        AccountId = reader.GetString(1),
        KeyId = reader.GetString(2),
        Display = reader.GetString(3),
        Code = reader.GetString(4),
        Status = reader.GetInt32(5),
        Ip = NullableString(reader, 6),
        UserAgent = NullableString(reader, 7),
        Method = reader.GetString(8),
        Path = reader.GetString(9),
        Restriction = NullableString(reader, 10),
    };

    public IReadOnlyList<StoredAlert> Alerts(string accountId, string? keyId, DateTimeOffset? from, DateTimeOffset? to, int max)
    {
        using var connection = dataSource.OpenConnection();
        using var query = Query(connection, """
            SELECT at, account_id, key_id, kind, detail, client_address, user_agent, rejections, baseline_per_minute
            FROM ksq_usage.alerts
            WHERE account_id = $1 AND ($2::text IS NULL OR key_id = $2) AND ($3::timestamptz IS NULL OR at >= $3) AND ($4::timestamptz IS NULL OR at < $4)
            ORDER BY at DESC, seq DESC LIMIT $5
            """, accountId, keyId, Utc(from), Utc(to), (long)max);
        return ReadAll(query, ReadAlert);
    }

    private static StoredAlert ReadAlert(NpgsqlDataReader reader) => new()
    {
        At = reader.GetFieldValue<DateTime>(0),
        AccountId = reader.GetString(1),
        KeyId = reader.GetString(2),
        Kind = reader.GetString(3),
        Detail = reader.GetString(4),
        ClientAddress = NullableString(reader, 5),
        UserAgent = NullableString(reader, 6),
        Rejections = reader.IsDBNull(7) ? null : reader.GetInt64(7),
        BaselinePerMinute = reader.IsDBNull(8) ? null : reader.GetDouble(8),
    };

    public IReadOnlyList<string> Addresses(string keyId)
    {
        using var connection = dataSource.OpenConnection();
        using var query = Query(connection, "SELECT address FROM ksq_usage.addresses WHERE key_id = $1 ORDER BY first_seen, address", keyId);
        return ReadAll(query, reader => reader.GetString(0));
    }

    public long RollUp(BucketSpan into, DateTimeOffset before, CancellationToken cancellationToken)
    {
        // Minute buckets have no span; hour buckets span 1 (BucketSpan.Hour).
        var finer = into == BucketSpan.Hour ? "span IS NULL" : "span = 1";
        long merged = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var connection = dataSource.OpenConnection();
            using var transaction = connection.BeginTransaction();
            using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({RollUpLock})", connection, transaction))
                lockCommand.ExecuteNonQuery();
            var chunk = new List<(string Instance, StoredBucket Bucket)>();
            using (var select = new NpgsqlCommand(
                $"SELECT instance, {BucketColumns} FROM ksq_usage.buckets WHERE minute < $1 AND {finer} ORDER BY minute LIMIT {RollUpChunk} FOR UPDATE",
                connection, transaction))
            {
                select.Parameters.Add(new NpgsqlParameter { Value = before.UtcDateTime });
                using var reader = select.ExecuteReader();
                while (reader.Read())
                    chunk.Add((reader.GetString(0), ReadBucket(reader, 1)));
            }
            if (chunk.Count == 0)
                return merged;
            using var writes = new NpgsqlBatch(connection, transaction);
            foreach (var group in chunk.GroupBy(c => StoredBucket.RolledUpId(c.Bucket, into), StringComparer.Ordinal))
            {
                var target = StoredBucket.RolledUp(group.Key, group.First().Bucket, into);
                foreach (var (owner, bucket) in group)
                {
                    target.Merge(bucket);
                    writes.BatchCommands.Add(Command("DELETE FROM ksq_usage.buckets WHERE instance = $1 AND id = $2", owner, bucket.Id));
                }
                writes.BatchCommands.Add(BucketUpsert(RolledUpInstance, target));
            }
            writes.ExecuteNonQuery();
            transaction.Commit();
            merged += chunk.Count;
        }
    }

    public long DeleteBuckets(DateTimeOffset before)
    {
        using var connection = dataSource.OpenConnection();
        using var command = Query(connection, "DELETE FROM ksq_usage.buckets WHERE minute < $1", before.UtcDateTime);
        return command.ExecuteNonQuery();
    }

    public void Trim(DateTimeOffset before, int maxRejections)
    {
        using var connection = dataSource.OpenConnection();
        using var commands = new NpgsqlBatch(connection);
        commands.BatchCommands.Add(Command("DELETE FROM ksq_usage.rejections WHERE at < $1", before.UtcDateTime));
        commands.BatchCommands.Add(Command("DELETE FROM ksq_usage.alerts WHERE at < $1", before.UtcDateTime));
        // The oldest past the cap: everything at or older than the newest one beyond the first maxRejections.
        commands.BatchCommands.Add(Command("""
            DELETE FROM ksq_usage.rejections WHERE (at, seq) <= (
                SELECT at, seq FROM ksq_usage.rejections ORDER BY at DESC, seq DESC OFFSET $1 LIMIT 1)
            """, (long)maxRejections));
        commands.ExecuteNonQuery();
    }

    public void DeleteAccount(string accountId, IReadOnlyCollection<string> keyIds)
    {
        var keys = keyIds.ToArray();
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using var commands = new NpgsqlBatch(connection, transaction);
        commands.BatchCommands.Add(Command("DELETE FROM ksq_usage.buckets WHERE account_id = $1", accountId));
        commands.BatchCommands.Add(Command("DELETE FROM ksq_usage.rejections WHERE account_id = $1 OR key_id = ANY($2)", accountId, keys));
        commands.BatchCommands.Add(Command("DELETE FROM ksq_usage.alerts WHERE account_id = $1 OR key_id = ANY($2)", accountId, keys));
        commands.BatchCommands.Add(Command("DELETE FROM ksq_usage.addresses WHERE key_id = ANY($1)", (object)keys));
        commands.ExecuteNonQuery();
        transaction.Commit();
    }

    private static NpgsqlBatchCommand BucketUpsert(string owner, StoredBucket b)
    {
        var command = new NpgsqlBatchCommand(AddToBucket);
        Add(command.Parameters, owner, b.Id, b.KeyId, b.AccountId, b.Chain, b.Network, b.ApiId, b.Status, b.Code ?? "",
            StoredTime.Utc(b.Minute), b.Span is { } span ? (short)span : null, b.Requests, b.TotalMs, b.MaxMs,
            b.LastAt.ToUniversalTime(), b.LastUsedAt?.ToUniversalTime(), b.Histogram ?? []);
        return command;
    }

    private static StoredBucket ReadBucket(NpgsqlDataReader reader, int first) => new()
    {
        Id = reader.GetString(first),
        KeyId = reader.GetString(first + 1),
        AccountId = reader.GetString(first + 2),
        Chain = reader.GetString(first + 3),
        Network = reader.GetString(first + 4),
        ApiId = reader.GetString(first + 5),
        Status = reader.GetInt32(first + 6),
        Code = reader.GetString(first + 7),
        Minute = reader.GetFieldValue<DateTime>(first + 8),
        Span = reader.IsDBNull(first + 9) ? null : (BucketSpan)reader.GetInt16(first + 9),
        Requests = reader.GetInt64(first + 10),
        TotalMs = reader.GetDouble(first + 11),
        MaxMs = reader.GetDouble(first + 12),
        LastAt = reader.GetFieldValue<DateTimeOffset>(first + 13),
        LastUsedAt = reader.IsDBNull(first + 14) ? null : reader.GetFieldValue<DateTimeOffset>(first + 14),
        Histogram = reader.GetFieldValue<long[]>(first + 15),
    };

    /// <summary>Every row of <paramref name="query"/>, each made by <paramref name="read"/>.</summary>
    private static List<T> ReadAll<T>(NpgsqlCommand query, Func<NpgsqlDataReader, T> read)
    {
        var rows = new List<T>();
        using var reader = query.ExecuteReader();
        while (reader.Read())
            rows.Add(read(reader));
        return rows;
    }

    private static NpgsqlCommand Query(NpgsqlConnection connection, string sql, params object?[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        Add(command.Parameters, values);
        return command;
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        Add(command.Parameters, values);
        return command;
    }

    private static void Add(NpgsqlParameterCollection parameters, params object?[] values)
    {
        foreach (var value in values)
        {
            parameters.Add(value switch
            {
                null => new NpgsqlParameter { Value = DBNull.Value },
                string[] texts => new NpgsqlParameter { Value = texts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                _ => new NpgsqlParameter { Value = value },
            });
        }
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTime Utc(DateTime value) => StoredTime.Utc(value);

    private static DateTime? Utc(DateTimeOffset? value) => value?.UtcDateTime;
}

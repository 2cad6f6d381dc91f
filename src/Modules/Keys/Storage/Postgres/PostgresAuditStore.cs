using System.Text;
using KsQuery.Modules.Keys.Audit;
using Npgsql;

namespace KsQuery.Modules.Keys.Storage.Postgres;

/// <summary>The audit log in <c>ksq_keys.audit</c>. <c>sequence</c> is an identity column, so "newest first" is the order
/// of recording across instances.</summary>
internal sealed class PostgresAuditStore(NpgsqlDataSource dataSource) : IAuditStore
{
    private const string Columns =
        "at, action, actor_account_id, actor_email, key_id, related_key_id, team_id, subject_account_id, client_address, user_agent, before, after";

    private const string InsertSql = $"INSERT INTO ksq_keys.audit ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING sequence";

    public AuditEntry Append(AuditEntry entry)
    {
        using var connection = dataSource.OpenConnection();
        return Insert(connection, null, entry);
    }

    public bool AppendOnce(AuditEntry entry)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        // Instances recording the same once-per-key event take turns: the second sees the first's entry.
        using (var lockOnce = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction)
                   .With($"ksq_keys.audit:{entry.Action}:{entry.KeyId}"))
            lockOnce.ExecuteNonQuery();
        using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM ksq_keys.audit WHERE action = $1 AND key_id IS NOT DISTINCT FROM $2)",
                   connection, transaction).With(entry.Action).WithText(entry.KeyId))
        {
            if ((bool)exists.ExecuteScalar()!)
                return false;
        }
        Insert(connection, transaction, entry);
        transaction.Commit();
        return true;
    }

    public (IReadOnlyList<AuditEntry> Items, long Total) Find(AuditFilter filter, int skip, int take)
    {
        var where = new StringBuilder("TRUE");
        var parameters = new List<NpgsqlParameter>();
        string Next(object value)
        {
            parameters.Add(new NpgsqlParameter { Value = value });
            return "$" + parameters.Count;
        }
        if (filter.Scope is { } scope)
        {
            var (accounts, keys, teams) = (Next(scope.AccountIds.ToArray()), Next(scope.KeyIds.ToArray()), Next(scope.TeamIds.ToArray()));
            where.Append($" AND (actor_account_id = ANY({accounts}) OR subject_account_id = ANY({accounts}) OR key_id = ANY({keys}) " +
                $"OR related_key_id = ANY({keys}) OR team_id = ANY({teams}))");
        }
        if (filter.KeyId is { } keyId)
        {
            var key = Next(keyId);
            where.Append($" AND (key_id = {key} OR related_key_id = {key})");
        }
        if (filter.ActorAccountId is { } actor)
            where.Append($" AND actor_account_id = {Next(actor)}");
        if (filter.Action is { } action)
            where.Append($" AND action = {Next(action)}");
        if (filter.From is { } from)
            where.Append($" AND at >= {Next(from.UtcTicks)}");
        if (filter.To is { } to)
            where.Append($" AND at < {Next(to.UtcTicks)}");

        using var connection = dataSource.OpenConnection();
        // One snapshot for the count and the page, so they agree while other instances append.
        using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        long total;
        using (var count = new NpgsqlCommand($"SELECT count(*) FROM ksq_keys.audit WHERE {where}", connection, transaction))
        {
            count.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
            total = (long)count.ExecuteScalar()!;
        }
        var items = new List<AuditEntry>();
        using (var page = new NpgsqlCommand(
            $"SELECT sequence, {Columns} FROM ksq_keys.audit WHERE {where} ORDER BY sequence DESC OFFSET {Next(skip)} LIMIT {Next(take)}",
            connection, transaction))
        {
            page.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
            using var reader = page.ExecuteReader();
            while (reader.Read())
                items.Add(new AuditEntry(reader.GetInt64(0), reader.Time(1), reader.GetString(2), reader.OptionalText(3), reader.OptionalText(4),
                    reader.OptionalText(5), reader.OptionalText(6), reader.OptionalText(7), reader.OptionalText(8), reader.OptionalText(9),
                    reader.OptionalText(10), reader.OptionalText(11), reader.OptionalText(12)));
        }
        transaction.Commit();
        return (items, total);
    }

    public int Prune(DateTimeOffset before)
    {
        using var command = dataSource.CreateCommand("DELETE FROM ksq_keys.audit WHERE at < $1").WithTime(before);
        return command.ExecuteNonQuery();
    }

    private static AuditEntry Insert(NpgsqlConnection connection, NpgsqlTransaction? transaction, AuditEntry entry)
    {
        using var command = new NpgsqlCommand(InsertSql, connection, transaction)
            .WithTime(entry.At).With(entry.Action).WithText(entry.ActorAccountId).WithText(entry.ActorEmail).WithText(entry.KeyId)
            .WithText(entry.RelatedKeyId).WithText(entry.TeamId).WithText(entry.SubjectAccountId).WithText(entry.ClientAddress)
            .WithText(entry.UserAgent).WithText(entry.Before).WithText(entry.After);
        return entry with { Sequence = (long)command.ExecuteScalar()! };
    }
}

using Npgsql;

namespace KsQuery.Modules.Keys.Storage.Postgres;

/// <summary>Live dashboard sessions in <c>ksq_keys.sessions</c>.</summary>
internal sealed class PostgresSessionStore(NpgsqlDataSource dataSource) : ISessionStore
{
    private const string Columns = "id, account_id, created_at, refreshed_at, expires_at, client_address, user_agent";

    public SessionRecord? Find(string sessionId)
    {
        using var command = dataSource.CreateCommand($"SELECT {Columns} FROM ksq_keys.sessions WHERE id = $1").With(sessionId);
        return Read(command).SingleOrDefault();
    }

    public IReadOnlyList<SessionRecord> ListByAccount(string accountId)
    {
        using var command = dataSource.CreateCommand($"SELECT {Columns} FROM ksq_keys.sessions WHERE account_id = $1 ORDER BY created_at, id").With(accountId);
        return Read(command);
    }

    public void Save(SessionRecord session, DateTimeOffset now)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using (var upsert = new NpgsqlCommand($"""
            INSERT INTO ksq_keys.sessions ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, created_at = excluded.created_at,
                refreshed_at = excluded.refreshed_at, expires_at = excluded.expires_at, client_address = excluded.client_address,
                user_agent = excluded.user_agent
            """, connection, transaction))
        {
            upsert.With(session.Id).With(session.AccountId).WithTime(session.CreatedAt).WithTime(session.RefreshedAt).WithTime(session.ExpiresAt)
                .WithText(session.ClientAddress).WithText(session.UserAgent).ExecuteNonQuery();
        }
        using (var prune = new NpgsqlCommand("DELETE FROM ksq_keys.sessions WHERE expires_at <= $1", connection, transaction).WithTime(now))
            prune.ExecuteNonQuery();
        transaction.Commit();
    }

    public bool Delete(string sessionId)
    {
        using var command = dataSource.CreateCommand("DELETE FROM ksq_keys.sessions WHERE id = $1").With(sessionId);
        return command.ExecuteNonQuery() == 1;
    }

    public IReadOnlyList<string> DeleteByAccount(string accountId)
    {
        using var command = dataSource.CreateCommand("DELETE FROM ksq_keys.sessions WHERE account_id = $1 RETURNING id").With(accountId);
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
            ids.Add(reader.GetString(0));
        return ids;
    }

    private static List<SessionRecord> Read(NpgsqlCommand command)
    {
        using var reader = command.ExecuteReader();
        var sessions = new List<SessionRecord>();
        while (reader.Read())
            sessions.Add(new SessionRecord(reader.GetString(0), reader.GetString(1), reader.Time(2), reader.Time(3), reader.Time(4),
                reader.OptionalText(5), reader.OptionalText(6)));
        return sessions;
    }
}

using Npgsql;

namespace KsQuery.Modules.Keys.Storage.Postgres;

/// <summary>Ended dashboard sessions in <c>ksq_keys.ended_sessions</c>.</summary>
internal sealed class PostgresEndedSessionStore(NpgsqlDataSource dataSource) : IEndedSessionStore
{
    public IReadOnlyList<EndedSession> Load(DateTimeOffset now)
    {
        using var command = dataSource.CreateCommand("SELECT id, account_id, ended_at, until FROM ksq_keys.ended_sessions WHERE until > $1").WithTime(now);
        using var reader = command.ExecuteReader();
        var ended = new List<EndedSession>();
        while (reader.Read())
            ended.Add(new EndedSession(reader.GetString(0), reader.GetString(1), reader.Time(2), reader.Time(3)));
        return ended;
    }

    public void Add(EndedSession session, DateTimeOffset now)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using (var upsert = new NpgsqlCommand("""
            INSERT INTO ksq_keys.ended_sessions (id, account_id, ended_at, until) VALUES ($1, $2, $3, $4)
            ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, ended_at = excluded.ended_at,
                until = greatest(ksq_keys.ended_sessions.until, excluded.until)
            """, connection, transaction))
        {
            upsert.With(session.SessionId).With(session.AccountId).WithTime(session.EndedAt).WithTime(session.Until).ExecuteNonQuery();
        }
        using (var prune = new NpgsqlCommand("DELETE FROM ksq_keys.ended_sessions WHERE until <= $1", connection, transaction).WithTime(now))
            prune.ExecuteNonQuery();
        transaction.Commit();
    }
}

using Npgsql;

namespace KsQuery.Contracts.Storage.Postgres;

/// <summary>Brings every module's schema up to this release at start: a schema per module (<c>ksq_keys</c>, <c>ksq_usage</c>,
/// ...), the versions applied recorded in <c>ksq_meta.migrations</c>. All of it runs in one transaction under a
/// transaction-level advisory lock, so instances starting together apply each step once, and a failed step leaves the
/// database as it was.</summary>
public static class PostgresMigrations
{
    /// <summary>The advisory lock's key ("KSQmigr" as bytes): any constant shared by every instance of KS Query.</summary>
    private const long LockKey = 0x4B53516D69677200;

    public static void Apply(NpgsqlDataSource dataSource, IEnumerable<PostgresModuleMigrations> modules)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({LockKey})");
        Execute(connection, transaction, """
            CREATE SCHEMA IF NOT EXISTS ksq_meta;
            CREATE TABLE IF NOT EXISTS ksq_meta.migrations (
                module text NOT NULL,
                version int NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (module, version));
            """);
        foreach (var module in modules)
        {
            var applied = AppliedVersion(connection, transaction, module.Module);
            if (applied > module.Steps.Count)
                throw new InvalidOperationException(
                    $"the PostgreSQL schema {module.Schema} is at version {applied}, newer than this release's {module.Steps.Count}: " +
                    "run the release that wrote it, or restore the database from a backup of this release.");
            if (applied == module.Steps.Count)
                continue;
            Execute(connection, transaction, $"CREATE SCHEMA IF NOT EXISTS {module.Schema}; SET LOCAL search_path TO {module.Schema}, public");
            for (var version = applied + 1; version <= module.Steps.Count; version++)
            {
                Execute(connection, transaction, module.Steps[version - 1]);
                using var record = new NpgsqlCommand("INSERT INTO ksq_meta.migrations (module, version) VALUES ($1, $2)", connection, transaction);
                record.Parameters.Add(new() { Value = module.Module });
                record.Parameters.Add(new() { Value = version });
                record.ExecuteNonQuery();
            }
            Execute(connection, transaction, "SET LOCAL search_path TO DEFAULT");
        }
        transaction.Commit();
    }

    /// <summary>The highest version of <paramref name="module"/> applied to the database (0: none).</summary>
    public static int AppliedVersion(NpgsqlConnection connection, NpgsqlTransaction? transaction, string module)
    {
        using var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM ksq_meta.migrations WHERE module = $1", connection, transaction);
        command.Parameters.Add(new() { Value = module });
        return (int)command.ExecuteScalar()!;
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}

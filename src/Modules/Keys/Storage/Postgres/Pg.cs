using Npgsql;
using NpgsqlTypes;

namespace KsQuery.Modules.Keys.Storage.Postgres;

/// <summary>Parameter and column helpers of the Keys module's PostgreSQL stores: positional parameters, times as UTC ticks.</summary>
internal static class Pg
{
    public static NpgsqlCommand With(this NpgsqlCommand command, object? value)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }

    public static NpgsqlCommand WithText(this NpgsqlCommand command, string? value)
    {
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value });
        return command;
    }

    public static NpgsqlCommand WithTime(this NpgsqlCommand command, DateTimeOffset? value)
    {
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = value is { } v ? v.UtcTicks : DBNull.Value });
        return command;
    }

    public static NpgsqlCommand WithTexts(this NpgsqlCommand command, IEnumerable<string>? values)
    {
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
            Value = values is null ? DBNull.Value : values.ToArray(),
        });
        return command;
    }

    /// <summary>Takes a transaction-level advisory lock named by <paramref name="name"/>: writers of the same thing (an
    /// owner's keys, a team) wait for each other across instances until the transaction ends.</summary>
    public static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction).With(name);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Owners whose data waits for its purge (deleted accounts, disbanded teams): the rows <paramref name="sql"/>
    /// selects as (id, when it went, purge time) for <c>$1</c> = <paramref name="now"/>, each made by <paramref name="create"/>.</summary>
    public static async Task<IReadOnlyList<T>> PurgesDueAsync<T>(NpgsqlDataSource dataSource, string sql, DateTimeOffset now,
        Func<string, DateTimeOffset, DateTimeOffset, T> create, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql).WithTime(now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var due = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
            due.Add(create(reader.GetString(0), reader.Time(1), reader.Time(2)));
        return due;
    }

    public static DateTimeOffset Time(this NpgsqlDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static DateTimeOffset? OptionalTime(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.Time(ordinal);

    public static string? OptionalText(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static string[]? OptionalTexts(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<string[]>(ordinal);
}

using Npgsql;

namespace KsQuery.Modules.Keys.Storage.Postgres;

/// <summary>Accounts in <c>ksq_keys.accounts</c>; the email's uniqueness is the table's unique index.</summary>
internal sealed class PostgresAccountStore(NpgsqlDataSource dataSource) : IAccountStore
{
    private const string Columns = "id, email, normalized_email, password_hash, created_at, selection_chain, selection_network, selection_active_key_id, disabled_at";

    public async Task<bool> TryCreateAsync(AccountRecord account, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO ksq_keys.accounts ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING");
        command.With(account.Id).With(account.Email).With(account.NormalizedEmail).With(account.PasswordHash).WithTime(account.CreatedAt)
            .WithText(account.Selection?.Chain).WithText(account.Selection?.Network).WithText(account.Selection?.ActiveKeyId)
            .WithTime(account.DisabledAt);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public Task<AccountRecord?> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        FindOneAsync("id = $1", id, cancellationToken);

    public Task<AccountRecord?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        FindOneAsync("normalized_email = $1", normalizedEmail, cancellationToken);

    public async Task<IReadOnlyList<AccountRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM ksq_keys.accounts ORDER BY created_at, id COLLATE \"C\"");
        return await ReadAllAsync(command, cancellationToken);
    }

    public Task UpdatePasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE ksq_keys.accounts SET password_hash = $2 WHERE id = $1", c => c.With(id).With(passwordHash), cancellationToken);

    public Task UpdateSelectionAsync(string id, AccountSelection? selection, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE ksq_keys.accounts SET selection_chain = $2, selection_network = $3, selection_active_key_id = $4 WHERE id = $1",
            c => c.With(id).WithText(selection?.Chain).WithText(selection?.Network).WithText(selection?.ActiveKeyId), cancellationToken);

    public Task UpdateDisabledAsync(string id, DateTimeOffset? disabledAt, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE ksq_keys.accounts SET disabled_at = $2 WHERE id = $1", c => c.With(id).WithTime(disabledAt), cancellationToken);

    public async Task<bool> DeleteAsync(string id, DateTimeOffset deletedAt, DateTimeOffset purgeAt, CancellationToken cancellationToken)
    {
        // One statement: the account leaves and its deletion is remembered together, or neither happens.
        await using var command = dataSource.CreateCommand("""
            WITH gone AS (DELETE FROM ksq_keys.accounts WHERE id = $1 RETURNING id)
            INSERT INTO ksq_keys.deleted_accounts (id, deleted_at, purge_at) SELECT id, $2, $3 FROM gone
            ON CONFLICT (id) DO UPDATE SET deleted_at = excluded.deleted_at, purge_at = excluded.purge_at
            """);
        command.With(id).WithTime(deletedAt).WithTime(purgeAt);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public Task<IReadOnlyList<DeletedAccount>> ListDeletedDueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Pg.PurgesDueAsync(dataSource, "SELECT id, deleted_at, purge_at FROM ksq_keys.deleted_accounts WHERE purge_at <= $1", now,
            (id, deletedAt, purgeAt) => new DeletedAccount(id, deletedAt, purgeAt), cancellationToken);

    public Task ForgetDeletedAsync(string id, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM ksq_keys.deleted_accounts WHERE id = $1", c => c.With(id), cancellationToken);

    private async Task<AccountRecord?> FindOneAsync(string condition, string value, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM ksq_keys.accounts WHERE {condition}").With(value);
        return (await ReadAllAsync(command, cancellationToken)).SingleOrDefault();
    }

    private async Task ExecuteAsync(string sql, Action<NpgsqlCommand> parameters, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        parameters(command);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<AccountRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var accounts = new List<AccountRecord>();
        while (await reader.ReadAsync(cancellationToken))
            accounts.Add(new AccountRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.Time(4),
                reader.IsDBNull(5) ? null : new AccountSelection(reader.GetString(5), reader.GetString(6), reader.OptionalText(7)),
                reader.OptionalTime(8)));
        return accounts;
    }
}

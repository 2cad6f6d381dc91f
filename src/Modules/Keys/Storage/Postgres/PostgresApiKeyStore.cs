using KsQuery.Modules.Keys.ApiKeys.Restrictions;
using Npgsql;

namespace KsQuery.Modules.Keys.Storage.Postgres;

/// <summary>API keys in <c>ksq_keys.api_keys</c>. Every write that checks the owner's other keys (name taken, key limit,
/// a roll) runs in one transaction under an advisory lock on the owner, so instances writing the same owner's keys take
/// turns exactly as the LiteDB store's lock makes requests of one process do.</summary>
internal sealed class PostgresApiKeyStore(NpgsqlDataSource dataSource) : IApiKeyStore
{
    private const string Columns =
        "id, account_id, team_id, created_by, name, description, chain, network, is_test, display, secret_hash, secret_check, " +
        "recoverable, protected_key, created_at, expires_at, revoke_at, revoked_at, replaced_by, rate_limit_per_second, " +
        "monthly_quota, last_used_at, restrict_ip_ranges, restrict_origins, restrict_user_agents, restrict_apis";

    private const string Values = "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26";

    /// <summary>Another instance may have issued the key a moment ago, so no instance can know from memory that an id is
    /// unknown: the verifier asks the store (one primary-key read) for every well-formed key it has not verified.</summary>
    public bool MayExist(ReadOnlySpan<char> id) => true;

    public async Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM ksq_keys.api_keys WHERE id = $1").With(id);
        return (await ReadAllAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListByAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM ksq_keys.api_keys WHERE account_id = $1 ORDER BY created_at, id")
            .With(accountId);
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAllAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM ksq_keys.api_keys ORDER BY created_at, id");
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<KeyWrite> TryInsertAsync(ApiKeyRecord key, KeyLimit limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockOwnerAsync(connection, transaction, key.AccountId, cancellationToken);
        if (await ExistsAsync(connection, transaction, key.Id, cancellationToken))
            return KeyWrite.DuplicateId;
        var keys = await ListAsync(connection, transaction, key.AccountId, cancellationToken);
        if (key.HoldsName && NameTaken(keys, key.Name, exceptId: null))
            return KeyWrite.NameTaken;
        if (NotRevoked(keys, limit.At) >= limit.MaxKeys)
            return KeyWrite.LimitReached;
        await InsertAsync(connection, transaction, key, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return KeyWrite.Done;
    }

    public async Task<(KeyWrite Result, ApiKeyRecord? Key)> TryChangeAsync(string id, string accountId, Func<ApiKeyRecord, ApiKeyRecord> change,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockOwnerAsync(connection, transaction, accountId, cancellationToken);
        var existing = await FindAsync(connection, transaction, id, cancellationToken);
        if (existing is null || existing.AccountId != accountId)
            return (KeyWrite.NotFound, null);
        var changed = change(existing);
        if (ReferenceEquals(changed, existing))
            return (KeyWrite.Done, existing);
        changed = changed with { Id = existing.Id, AccountId = existing.AccountId, TeamId = existing.TeamId, LastUsedAt = Later(existing.LastUsedAt, changed.LastUsedAt) };
        if (changed.HoldsName && NameTaken(await ListAsync(connection, transaction, accountId, cancellationToken), changed.Name, exceptId: id))
            return (KeyWrite.NameTaken, null);
        await UpdateAsync(connection, transaction, changed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (KeyWrite.Done, changed);
    }

    public async Task<KeyWrite> TryRollAsync(ApiKeyRecord retiring, ApiKeyRecord replacement, KeyLimit limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockOwnerAsync(connection, transaction, retiring.AccountId, cancellationToken);
        if (replacement.AccountId != retiring.AccountId)
            await LockOwnerAsync(connection, transaction, replacement.AccountId, cancellationToken);
        var existing = await FindAsync(connection, transaction, retiring.Id, cancellationToken);
        if (existing is null || existing.AccountId != retiring.AccountId)
            return KeyWrite.NotFound;
        // Revoked or rolled by a request that wrote after this one read the key.
        if (!existing.HoldsName)
            return KeyWrite.NotActive;
        if (await ExistsAsync(connection, transaction, replacement.Id, cancellationToken))
            return KeyWrite.DuplicateId;
        var keys = await ListAsync(connection, transaction, replacement.AccountId, cancellationToken);
        if (NameTaken(keys, replacement.Name, exceptId: retiring.Id))
            return KeyWrite.NameTaken;
        if (retiring.StatusAt(limit.At) != ApiKeyStatus.Revoked && NotRevoked(keys, limit.At) >= limit.MaxKeys)
            return KeyWrite.LimitReached;
        await UpdateAsync(connection, transaction, existing with
        {
            RevokeAt = retiring.RevokeAt,
            RevokedAt = retiring.RevokedAt,
            ReplacedBy = retiring.ReplacedBy,
            ProtectedKey = retiring.ProtectedKey,
        }, cancellationToken);
        await InsertAsync(connection, transaction, replacement, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return KeyWrite.Done;
    }

    public async Task SetSecretCheckAsync(string id, string secretHash, int check, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE ksq_keys.api_keys SET secret_check = $3 WHERE id = $1 AND secret_hash = $2 AND secret_check IS NULL");
        command.With(id).With(secretHash).With(check);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListEndingBetweenAsync(DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM ksq_keys.api_keys
            WHERE (expires_at > $1 AND expires_at <= $2) OR (revoke_at > $1 AND revoke_at <= $2)
            """).WithTime(after).WithTime(until);
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task DeleteByAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM ksq_keys.api_keys WHERE account_id = $1").With(accountId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SetLastUsedAsync(IReadOnlyCollection<KeyValuePair<string, DateTimeOffset>> lastUse, CancellationToken cancellationToken)
    {
        if (lastUse.Count == 0)
            return;
        // One statement for the batch; only ever raises the stored time, so instances flushing in any order agree.
        await using var command = dataSource.CreateCommand("""
            UPDATE ksq_keys.api_keys AS k SET last_used_at = u.at
            FROM (SELECT id, max(at) AS at FROM unnest($1::text[], $2::bigint[]) AS t(id, at) GROUP BY id) AS u
            WHERE k.id = u.id AND (k.last_used_at IS NULL OR k.last_used_at < u.at)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = lastUse.Select(p => p.Key).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = lastUse.Select(p => p.Value.UtcTicks).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Task LockOwnerAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string ownerId, CancellationToken cancellationToken) =>
        Pg.LockAsync(connection, transaction, "ksq_keys.api_keys:" + ownerId, cancellationToken);

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM ksq_keys.api_keys WHERE id = $1)", connection, transaction).With(id);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<ApiKeyRecord?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM ksq_keys.api_keys WHERE id = $1 FOR UPDATE", connection, transaction).With(id);
        return (await ReadAllAsync(command, cancellationToken)).SingleOrDefault();
    }

    private static async Task<List<ApiKeyRecord>> ListAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string accountId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM ksq_keys.api_keys WHERE account_id = $1", connection, transaction).With(accountId);
        return await ReadAllAsync(command, cancellationToken);
    }

    private static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ApiKeyRecord key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"INSERT INTO ksq_keys.api_keys ({Columns}) VALUES ({Values})", connection, transaction);
        await WithKey(command, key).ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task UpdateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ApiKeyRecord key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"UPDATE ksq_keys.api_keys SET ({Columns}) = ({Values}) WHERE id = $1", connection, transaction);
        await WithKey(command, key).ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlCommand WithKey(NpgsqlCommand command, ApiKeyRecord key) => command
        .With(key.Id).With(key.AccountId).WithText(key.TeamId).WithText(key.CreatedBy).With(key.Name).WithText(key.Description)
        .With(key.Chain).With(key.Network).With(key.IsTest).With(key.Display).With(key.SecretHash).With(key.SecretCheck)
        .With(key.Recoverable).WithText(key.ProtectedKey).WithTime(key.CreatedAt).WithTime(key.ExpiresAt).WithTime(key.RevokeAt)
        .WithTime(key.RevokedAt).WithText(key.ReplacedBy).With(key.RateLimitPerSecond).With(key.MonthlyQuota).WithTime(key.LastUsedAt)
        .WithTexts(key.Restrictions?.IpRanges).WithTexts(key.Restrictions?.Origins).WithTexts(key.Restrictions?.UserAgents)
        .WithTexts(key.Restrictions?.Apis);

    private static async Task<List<ApiKeyRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKeyRecord>();
        while (await reader.ReadAsync(cancellationToken))
            keys.Add(new ApiKeyRecord
            {
                Id = reader.GetString(0),
                AccountId = reader.GetString(1),
                TeamId = reader.OptionalText(2),
                CreatedBy = reader.OptionalText(3),
                Name = reader.GetString(4),
                Description = reader.OptionalText(5),
                Chain = reader.GetString(6),
                Network = reader.GetString(7),
                IsTest = reader.GetBoolean(8),
                Display = reader.GetString(9),
                SecretHash = reader.GetString(10),
                SecretCheck = reader.IsDBNull(11) ? null : reader.GetInt32(11),
                Recoverable = reader.GetBoolean(12),
                ProtectedKey = reader.OptionalText(13),
                CreatedAt = reader.Time(14),
                ExpiresAt = reader.OptionalTime(15),
                RevokeAt = reader.OptionalTime(16),
                RevokedAt = reader.OptionalTime(17),
                ReplacedBy = reader.OptionalText(18),
                RateLimitPerSecond = reader.GetInt32(19),
                MonthlyQuota = reader.IsDBNull(20) ? null : reader.GetInt64(20),
                LastUsedAt = reader.OptionalTime(21),
                Restrictions = reader.IsDBNull(22)
                    ? null
                    : new KeyRestrictions(reader.GetFieldValue<string[]>(22), reader.GetFieldValue<string[]>(23),
                        reader.GetFieldValue<string[]>(24), reader.GetFieldValue<string[]>(25)),
            });
        return keys;
    }

    private static bool NameTaken(IReadOnlyList<ApiKeyRecord> keys, string name, string? exceptId) =>
        keys.Any(k => k.HoldsName && k.Id != exceptId && string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));

    private static int NotRevoked(IReadOnlyList<ApiKeyRecord> keys, DateTimeOffset at) =>
        keys.Count(k => k.StatusAt(at) != ApiKeyStatus.Revoked);

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}

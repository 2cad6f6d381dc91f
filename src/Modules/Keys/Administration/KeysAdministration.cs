using KsQuery.Modules.Keys.Accounts;
using KsQuery.Modules.Keys.ApiKeys;
using KsQuery.Modules.Keys.Audit;
using KsQuery.Modules.Keys.Auth.Sessions;
using KsQuery.Modules.Keys.Hashing;
using KsQuery.Modules.Keys.LastUse;
using KsQuery.Modules.Keys.Storage;
using Wolverine;

namespace KsQuery.Modules.Keys.Administration;

/// <summary>What the operator's commands (<c>accounts</c>, <c>keys</c>) do to accounts and keys, the same code whether a
/// command runs inside the service (admin channel) or on the stopped service's store. Refusals are
/// <see cref="AdministrationRefused"/> with a stable code.</summary>
public sealed class KeysAdministration
{
    /// <summary>The actor of the audit entries of what an operator's command did.</summary>
    public const string OperatorActor = "operator";

    private readonly IAccountStore _accounts;
    private readonly IApiKeyStore _keys;
    private readonly ISecretHasher _hasher;
    private readonly AccountSessions _sessions;
    private readonly IAuditTrail _audit;
    private readonly KeyRevocation _revocation;
    private readonly KeyEndings _endings;
    private readonly LastUseTracker _lastUse;
    private readonly TimeProvider _time;

    internal KeysAdministration(IAccountStore accounts, IApiKeyStore keys, ISecretHasher hasher, AccountSessions sessions, IAuditTrail audit,
        KeyRevocation revocation, KeyEndings endings, LastUseTracker lastUse, TimeProvider time)
    {
        _accounts = accounts;
        _keys = keys;
        _hasher = hasher;
        _sessions = sessions;
        _audit = audit;
        _revocation = revocation;
        _endings = endings;
        _lastUse = lastUse;
        _time = time;
    }

    public async Task<IReadOnlyList<AdminAccount>> ListAccountsAsync(CancellationToken cancellationToken) =>
        (await _accounts.ListAsync(cancellationToken)).Select(ToAdmin).ToList();

    /// <summary>Creates an account as sign-up does (same email and password rules), without the sign-up throttle.</summary>
    public async Task<AdminAccount> CreateAccountAsync(string email, string password, CancellationToken cancellationToken)
    {
        email = email.Trim();
        if (!EmailAddress.IsValid(email))
            throw new AdministrationRefused(AdministrationRefused.ValidationFailed, "email is not a valid address.");
        CheckPassword(password);
        var id = Guid.NewGuid().ToString("N");
        var hash = await _hasher.HashAsync(Password.Bytes(password), HashPartition.Account(id), cancellationToken);
        var account = new AccountRecord(id, email, EmailAddress.Normalize(email), hash, _time.GetUtcNow(), Selection: null);
        if (!await _accounts.TryCreateAsync(account, cancellationToken))
            throw new AdministrationRefused("email_taken", $"an account with the email {email} exists already.");
        await _audit.RecordAsync(new AuditEvent(AuditActions.AccountCreated, account.Id), cancellationToken);
        return ToAdmin(account);
    }

    /// <summary>Sets a new password and ends every session of the account (its refresh tokens stop working).</summary>
    public async Task<AdminAccount> ResetPasswordAsync(string account, string password, CancellationToken cancellationToken)
    {
        CheckPassword(password);
        var found = await FindAccountAsync(account, cancellationToken);
        var hash = await _hasher.HashAsync(Password.Bytes(password), HashPartition.Account(found.Id), cancellationToken);
        await _accounts.UpdatePasswordHashAsync(found.Id, hash, cancellationToken);
        _sessions.EndAll(found.Id);
        await _audit.RecordAsync(new AuditEvent(AuditActions.AccountPasswordChanged, found.Id), cancellationToken);
        return ToAdmin(found);
    }

    /// <summary>Disables an account: it cannot log in (403 <c>account_disabled</c>), every session ends, and its own keys
    /// (not its teams') are refused with <c>key_disabled</c> from their next call. <paramref name="bus"/> (the running
    /// service's) evicts those keys from every cache at once, as a revocation does; without one (the store of a stopped
    /// service) the next start reads the mark from the store. Disabling a disabled account changes nothing more.</summary>
    public async Task<AdminAccount> DisableAccountAsync(string account, IMessageBus? bus, CancellationToken cancellationToken)
    {
        var found = await FindAccountAsync(account, cancellationToken);
        if (found.DisabledAt is null)
        {
            found = found with { DisabledAt = _time.GetUtcNow() };
            await _accounts.UpdateDisabledAsync(found.Id, found.DisabledAt, cancellationToken);
            await _audit.RecordAsync(new AuditEvent(AuditActions.AccountDisabled, OperatorActor, SubjectAccountId: found.Id), cancellationToken);
        }
        _sessions.EndAll(found.Id);
        await EvictKeysAsync(found.Id, bus, cancellationToken);
        return ToAdmin(found);
    }

    /// <summary>Enables a disabled account again: login and its keys work again (the sessions ended by the disable stay ended).</summary>
    public async Task<AdminAccount> EnableAccountAsync(string account, IMessageBus? bus, CancellationToken cancellationToken)
    {
        var found = await FindAccountAsync(account, cancellationToken);
        if (found.DisabledAt is not null)
        {
            found = found with { DisabledAt = null };
            await _accounts.UpdateDisabledAsync(found.Id, null, cancellationToken);
            await _audit.RecordAsync(new AuditEvent(AuditActions.AccountEnabled, OperatorActor, SubjectAccountId: found.Id), cancellationToken);
        }
        // The caches remember the keys as disabled: they must read the store again.
        await EvictKeysAsync(found.Id, bus, cancellationToken);
        return ToAdmin(found);
    }

    private async Task EvictKeysAsync(string accountId, IMessageBus? bus, CancellationToken cancellationToken)
    {
        if (bus is null)
            return;
        foreach (var key in await _keys.ListByAccountAsync(accountId, cancellationToken))
            if (key.TeamId is null)
                await _revocation.AnnounceAsync(bus, key.Id);
    }

    /// <summary>Every key, or the keys of one account (by id or email; its personal keys).</summary>
    public async Task<IReadOnlyList<AdminKey>> ListKeysAsync(string? account, CancellationToken cancellationToken)
    {
        var keys = account is null
            ? await _keys.ListAllAsync(cancellationToken)
            : await _keys.ListByAccountAsync((await FindAccountAsync(account, cancellationToken)).Id, cancellationToken);
        var now = _time.GetUtcNow();
        // An account's own active keys are refused with key_disabled while it is disabled: the list says so too.
        var disabled = (await _accounts.ListAsync(cancellationToken)).Where(a => a.DisabledAt is not null).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        return keys.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal)
            .Select(k => ToAdmin(k, now) is var key && key.Status == ApiKeyStatusNames.Active && k.TeamId is null && disabled.Contains(k.AccountId)
                ? key with { Status = Disabled }
                : key)
            .ToList();
    }

    /// <summary>The status <c>keys list</c> shows for an account's own active key while the account is disabled.</summary>
    public const string Disabled = "disabled";

    /// <summary>Revokes one key. <paramref name="bus"/> (the running service's) evicts it from every cache at once; without
    /// one (the store of a stopped service) the next start reads the revocation from the store.</summary>
    public async Task<AdminKey> RevokeKeyAsync(string keyId, IMessageBus? bus, CancellationToken cancellationToken)
    {
        var key = await _keys.FindAsync(keyId, cancellationToken)
            ?? throw new AdministrationRefused("key_not_found", $"no key has the id {keyId}.");
        return await RevokeAsync(key, bus, cancellationToken);
    }

    /// <summary>Revokes every key of an account (by id or email) that is not revoked yet; returns them.</summary>
    public async Task<IReadOnlyList<AdminKey>> RevokeAccountKeysAsync(string account, IMessageBus? bus, CancellationToken cancellationToken)
    {
        var found = await FindAccountAsync(account, cancellationToken);
        var revoked = new List<AdminKey>();
        foreach (var key in await _keys.ListByAccountAsync(found.Id, cancellationToken))
            if (key.RevokedAt is null)
                revoked.Add(await RevokeAsync(key, bus, cancellationToken));
        return revoked;
    }

    private async Task<AdminKey> RevokeAsync(ApiKeyRecord found, IMessageBus? bus, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        ApiKeyRecord? before = null;
        var (result, key) = await _keys.TryChangeAsync(found.Id, found.AccountId, stored =>
        {
            before = stored;
            return stored.RevokedAsOf(now);
        }, cancellationToken);
        if (result != KeyWrite.Done)
            throw new AdministrationRefused("key_not_found", $"no key has the id {found.Id}.");
        if (before is { RevokedAt: null })
        {
            _endings.RecordIfEnded(before);
            if (!(before.RevokeAt <= now))
                await _audit.RecordAsync(new AuditEvent(AuditActions.KeyRevoked, found.CreatedBy ?? found.AccountId, found.Id, TeamId: before.TeamId),
                    cancellationToken);
        }
        if (bus is not null)
            await _revocation.AnnounceAsync(bus, found.Id);
        if (key!.TeamId is null)
            await _revocation.ReplaceActiveKeyAsync(key.AccountId, key.Id, replacementId: null, cancellationToken);
        return ToAdmin(key, now);
    }

    private async Task<AccountRecord> FindAccountAsync(string account, CancellationToken cancellationToken)
    {
        var found = account.Contains('@', StringComparison.Ordinal)
            ? await _accounts.FindByEmailAsync(EmailAddress.Normalize(account), cancellationToken)
            : await _accounts.FindByIdAsync(account, cancellationToken);
        return found ?? throw new AdministrationRefused("account_not_found", $"no account has the id or email {account}.");
    }

    private static void CheckPassword(string password)
    {
        if (Password.Length(password) is < Password.MinLength or > Password.MaxLength)
            throw new AdministrationRefused(AdministrationRefused.ValidationFailed,
                $"the password must be between {Password.MinLength} and {Password.MaxLength} characters.");
    }

    private static AdminAccount ToAdmin(AccountRecord a) => new(a.Id, a.Email, a.CreatedAt, a.DisabledAt);

    private AdminKey ToAdmin(ApiKeyRecord k, DateTimeOffset now) =>
        new(k.Id, k.AccountId, k.TeamId, k.Name, k.Chain, k.Network, k.Display, k.StatusAt(now).ToApi(), k.CreatedAt,
            _lastUse.Latest(k.Id, k.LastUsedAt));
}

/// <summary>An account as the operator's commands show it.</summary>
/// <param name="DisabledAt">When an operator disabled it; null while it is enabled.</param>
public sealed record AdminAccount(string Id, string Email, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt = null);

/// <summary>A key as the operator's commands show it: masked (<see cref="Display"/>), never its secret.</summary>
public sealed record AdminKey(string Id, string AccountId, string? TeamId, string Name, string Chain, string Network, string Display,
    string Status, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

/// <summary>An administration request that cannot be done: <see cref="Code"/> is stable (snake_case), the message one line.</summary>
public sealed class AdministrationRefused(string code, string message) : Exception(message)
{
    public const string ValidationFailed = "validation_failed";

    public string Code { get; } = code;
}

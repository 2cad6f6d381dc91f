namespace KsQuery.Modules.Keys.Storage;

/// <summary>Accounts of the Keys module. Writes return once the store has committed them.</summary>
internal interface IAccountStore
{
    /// <summary>False when an account with the same normalized email exists.</summary>
    Task<bool> TryCreateAsync(AccountRecord account, CancellationToken cancellationToken);

    Task<AccountRecord?> FindByIdAsync(string id, CancellationToken cancellationToken);

    Task<AccountRecord?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken);

    /// <summary>Every account, oldest first (the operator's <c>accounts list</c>).</summary>
    Task<IReadOnlyList<AccountRecord>> ListAsync(CancellationToken cancellationToken);

    Task UpdatePasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken);

    Task UpdateSelectionAsync(string id, AccountSelection? selection, CancellationToken cancellationToken);

    /// <summary>Sets (a time) or clears (null) <see cref="AccountRecord.DisabledAt"/>.</summary>
    Task UpdateDisabledAsync(string id, DateTimeOffset? disabledAt, CancellationToken cancellationToken);

    /// <summary>Removes the account (its email is free again at once) and remembers it as deleted until
    /// <paramref name="purgeAt"/>, in one step; false when there is no such account.</summary>
    Task<bool> DeleteAsync(string id, DateTimeOffset deletedAt, DateTimeOffset purgeAt, CancellationToken cancellationToken);

    /// <summary>Deleted accounts whose <see cref="DeletedAccount.PurgeAt"/> is at or before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<DeletedAccount>> ListDeletedDueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Forgets a deleted account once its data is removed.</summary>
    Task ForgetDeletedAsync(string id, CancellationToken cancellationToken);
}

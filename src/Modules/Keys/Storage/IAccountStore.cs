namespace KsQuery.Modules.Keys.Storage;

/// <summary>Accounts of the Keys module. Writes return once the store has committed them.</summary>
internal interface IAccountStore
{
    /// <summary>False when an account with the same normalized email exists.</summary>
    Task<bool> TryCreateAsync(AccountRecord account, CancellationToken cancellationToken);

    Task<AccountRecord?> FindByIdAsync(string id, CancellationToken cancellationToken);

    Task<AccountRecord?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken);

    Task UpdatePasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken);

    Task UpdateSelectionAsync(string id, AccountSelection? selection, CancellationToken cancellationToken);
}

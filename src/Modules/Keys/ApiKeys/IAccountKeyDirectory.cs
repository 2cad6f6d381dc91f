using KsQuery.Contracts.Messages;

namespace KsQuery.Modules.Keys.ApiKeys;

/// <summary>One account's key as other modules see it (public because the <see cref="FindAccountKeyHandler"/> Wolverine handler takes it).</summary>
public interface IAccountKeyDirectory
{
    Task<AccountKeyInfo?> FindAsync(string accountId, string keyId, CancellationToken cancellationToken);
}

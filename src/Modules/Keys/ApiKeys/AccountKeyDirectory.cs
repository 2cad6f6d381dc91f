using KsQuery.Contracts.Messages;
using KsQuery.Modules.Keys.Storage;

namespace KsQuery.Modules.Keys.ApiKeys;

internal sealed class AccountKeyDirectory(IApiKeyStore keys, TimeProvider time) : IAccountKeyDirectory
{
    public async Task<AccountKeyInfo?> FindAsync(string accountId, string keyId, CancellationToken cancellationToken)
    {
        var key = await keys.FindAsync(keyId, cancellationToken);
        return key is null || key.AccountId != accountId
            ? null
            : new AccountKeyInfo(key.Id, key.AccountId, key.Name, key.Display, key.Chain, key.Network,
                key.StatusAt(time.GetUtcNow()).ToApi(), key.MonthlyQuota, key.CreatedAt);
    }
}

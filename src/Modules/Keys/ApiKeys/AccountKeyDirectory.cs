using KsQuery.Contracts.Messages;
using KsQuery.Modules.Keys.Storage;

namespace KsQuery.Modules.Keys.ApiKeys;

internal sealed class AccountKeyDirectory(IApiKeyStore keys, ITeamStore teams, TimeProvider time) : IAccountKeyDirectory
{
    public async Task<AccountKeyInfo?> FindAsync(string accountId, string keyId, CancellationToken cancellationToken)
    {
        var key = await keys.FindAsync(keyId, cancellationToken);
        if (key is null)
            return null;
        var readable = key.TeamId is null
            ? key.AccountId == accountId
            : await IsTeamMemberAsync(accountId, key.TeamId, cancellationToken);
        return readable
            ? new AccountKeyInfo(key.Id, key.AccountId, key.Name, key.Display, key.Chain, key.Network,
                key.StatusAt(time.GetUtcNow()).ToApi(), key.MonthlyQuota, key.CreatedAt)
            : null;
    }

    public async Task<bool> IsTeamMemberAsync(string accountId, string teamId, CancellationToken cancellationToken) =>
        await teams.FindMemberAsync(teamId, accountId, cancellationToken) is not null;
}

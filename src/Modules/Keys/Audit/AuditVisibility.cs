using KsQuery.Modules.Keys.Storage;

namespace KsQuery.Modules.Keys.Audit;

/// <summary>The one rule for which audit entries an account sees: its own actions, actions done to it, and everything that
/// concerns its keys (revoked ones included: key ids are never reused). Teams add the teams the account belongs to here.</summary>
internal sealed class AuditVisibility(IApiKeyStore keys)
{
    public async Task<AuditScope> ForAsync(string accountId, CancellationToken cancellationToken)
    {
        var owned = await keys.ListByAccountAsync(accountId, cancellationToken);
        return new AuditScope(
            new HashSet<string>(StringComparer.Ordinal) { accountId },
            owned.Select(k => k.Id).ToHashSet(StringComparer.Ordinal),
            new HashSet<string>(StringComparer.Ordinal));
    }
}

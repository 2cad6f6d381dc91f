using KsQuery.Contracts.Messages;

namespace KsQuery.Modules.Keys.ApiKeys;

/// <summary>The keys and teams an account may read, as other modules see them (public because the
/// <see cref="FindAccountKeyHandler"/> and <see cref="FindTeamMembershipHandler"/> Wolverine handlers take it).</summary>
public interface IAccountKeyDirectory
{
    /// <summary>The account's own key, or a key of a team it is a member of; null otherwise.</summary>
    Task<AccountKeyInfo?> FindAsync(string accountId, string keyId, CancellationToken cancellationToken);

    Task<bool> IsTeamMemberAsync(string accountId, string teamId, CancellationToken cancellationToken);
}

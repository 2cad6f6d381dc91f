using KsQuery.Contracts.Messages;
using KsQuery.Modules.Keys.ApiKeys;
using KsQuery.Modules.Keys.Storage;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace KsQuery.Modules.Keys.Accounts.Delete;

/// <summary>Removes the keys, sessions and (through <see cref="AccountDataPurged"/>, handled by the usage module) the usage
/// of each deleted account whose retention has ended, then forgets the account; and likewise the keys and usage of each
/// team disbanded with such an account (its members and invitations went with it at once). Audit entries are not touched:
/// they follow <c>Audit:RetentionDays</c>. Each step can run again: a pass that fails half-way is finished by the next one.</summary>
internal sealed class DeletedAccountPurge(
    IAccountStore accounts, ITeamStore teams, IApiKeyStore keys, ISessionStore sessions, KeyRevocation revocation, IServiceScopeFactory scopes,
    TimeProvider time) : IDeletedAccountPurge
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var dueAccounts = await accounts.ListDeletedDueAsync(now, cancellationToken);
        foreach (var account in dueAccounts)
        {
            await PurgeOwnerAsync(account.Id, cancellationToken);
            sessions.DeleteByAccount(account.Id);
            await accounts.ForgetDeletedAsync(account.Id, cancellationToken);
        }
        var dueTeams = await teams.ListDisbandedDueAsync(now, cancellationToken);
        foreach (var team in dueTeams)
        {
            await PurgeOwnerAsync(team.Id, cancellationToken);
            await teams.ForgetDisbandedAsync(team.Id, cancellationToken);
        }
        return dueAccounts.Count + dueTeams.Count;
    }

    /// <summary>The usage and keys of an owner: an account, or a team (whose keys carry its id as their owner).</summary>
    private async Task PurgeOwnerAsync(string ownerId, CancellationToken cancellationToken)
    {
        var keyIds = (await keys.ListByAccountAsync(ownerId, cancellationToken)).Select(k => k.Id).ToList();
        await using var scope = scopes.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        // Usage first, while the key ids are still known; invoked (not published) so the pass knows it is done.
        await bus.InvokeAsync(new AccountDataPurged(ownerId, keyIds), cancellationToken);
        await keys.DeleteByAccountAsync(ownerId, cancellationToken);
        // The verified-key cache remembers revoked keys (to answer key_revoked from memory): forget them too.
        foreach (var keyId in keyIds)
            await revocation.AnnounceAsync(bus, keyId);
    }
}

using KsQuery.Contracts.Messages;
using KsQuery.Modules.Keys.ApiKeys;
using KsQuery.Modules.Keys.Storage;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace KsQuery.Modules.Keys.Accounts.Delete;

/// <summary>Removes the keys, sessions and (through <see cref="AccountDataPurged"/>, handled by the usage module) the usage
/// of each deleted account whose retention has ended, then forgets the account. Each step can run again: a pass that
/// fails half-way is finished by the next one.</summary>
internal sealed class DeletedAccountPurge(
    IAccountStore accounts, IApiKeyStore keys, ISessionStore sessions, KeyRevocation revocation, IServiceScopeFactory scopes,
    TimeProvider time) : IDeletedAccountPurge
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var due = await accounts.ListDeletedDueAsync(time.GetUtcNow(), cancellationToken);
        foreach (var account in due)
        {
            var keyIds = (await keys.ListByAccountAsync(account.Id, cancellationToken)).Select(k => k.Id).ToList();
            await using var scope = scopes.CreateAsyncScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            // Usage first, while the key ids are still known; invoked (not published) so the pass knows it is done.
            await bus.InvokeAsync(new AccountDataPurged(account.Id, keyIds), cancellationToken);
            await keys.DeleteByAccountAsync(account.Id, cancellationToken);
            // The verified-key cache remembers revoked keys (to answer key_revoked from memory): forget them too.
            foreach (var keyId in keyIds)
                await revocation.AnnounceAsync(bus, keyId);
            sessions.DeleteByAccount(account.Id);
            await accounts.ForgetDeletedAsync(account.Id, cancellationToken);
        }
        return due.Count;
    }
}

using KsQuery.Contracts.Messages;

namespace KsQuery.Modules.Keys.ApiKeys;

/// <summary>Wolverine handler: answers the Usage module's question for one key of one account.</summary>
public static class FindAccountKeyHandler
{
    public static async Task<AccountKeyLookup> Handle(FindAccountKey message, IAccountKeyDirectory directory, CancellationToken cancellationToken) =>
        new(await directory.FindAsync(message.AccountId, message.KeyId, cancellationToken));
}

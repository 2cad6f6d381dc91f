using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Storage;

namespace KsQuery.Modules.Usage.Retention;

/// <summary>Wolverine handler: removes the usage of a deleted account whose retention has ended.</summary>
public static class AccountDataPurgedHandler
{
    public static void Handle(AccountDataPurged message, AccountUsageEraser eraser) => eraser.Erase(message.AccountId, message.KeyIds);
}

/// <summary>Public face of the usage store for the generated handler code.</summary>
public sealed class AccountUsageEraser
{
    private readonly IUsageStore _store;

    internal AccountUsageEraser(IUsageStore store) => _store = store;

    internal void Erase(string accountId, IReadOnlyCollection<string> keyIds) => _store.DeleteAccount(accountId, keyIds);
}

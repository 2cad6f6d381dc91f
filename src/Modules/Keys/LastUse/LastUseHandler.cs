using KsQuery.Contracts.Messages;

namespace KsQuery.Modules.Keys.LastUse;

/// <summary>Wolverine handler: notes the last use of a key for <c>lastUsedAt</c> (memory only).</summary>
public static class LastUseHandler
{
    public static void Handle(KeyedCallCompleted message, IKeyActivity activity) => activity.Record(message.KeyId, message.At);
}

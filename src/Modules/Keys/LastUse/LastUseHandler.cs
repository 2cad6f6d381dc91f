using KsQuery.Contracts.Messages;

namespace KsQuery.Modules.Keys.LastUse;

/// <summary>Wolverine handler: notes the last use of a key for <c>lastUsedAt</c> (memory only). A call made with
/// a key that failed authentication (revoked, expired, wrong secret) is not a use of it; it is in the rejections log.</summary>
public static class LastUseHandler
{
    public static void Handle(KeyedCallsCompleted message, IKeyActivity activity)
    {
        foreach (var call in message.Calls)
        {
            if (call.Rejection is null or { KeyVerified: true })
                activity.Record(call.KeyId, call.At);
        }
    }
}

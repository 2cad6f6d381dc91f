using KsQuery.Contracts.Messages;

namespace KsQuery.Modules.Keys.LastUse;

/// <summary>Wolverine handler: notes the last use of a key for <c>lastUsedAt</c> (memory only). A call made with
/// a key that failed authentication (revoked, expired, wrong secret) is not a use of it; it is in the rejections log.</summary>
public static class LastUseHandler
{
    public static void Handle(KeyedCallsCompleted message, IKeyActivity activity)
    {
        // A batch holds runs of one key's calls: one record per run, with its latest use.
        string? keyId = null;
        var latest = DateTimeOffset.MinValue;
        foreach (var call in message.Calls)
        {
            if (call.Rejection is not (null or { KeyVerified: true }))
                continue;
            if (keyId is not null && !string.Equals(keyId, call.KeyId, StringComparison.Ordinal))
            {
                activity.Record(keyId, latest);
                latest = DateTimeOffset.MinValue;
            }
            keyId = call.KeyId;
            if (call.At > latest)
                latest = call.At;
        }
        if (keyId is not null)
            activity.Record(keyId, latest);
    }
}

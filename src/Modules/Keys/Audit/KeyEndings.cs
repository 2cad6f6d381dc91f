using System.Text.Json.Nodes;
using KsQuery.Modules.Keys.Storage;

namespace KsQuery.Modules.Keys.Audit;

/// <summary>Records <c>key.expired</c> (actor: the system) once per key that stopped working on its own: its
/// <c>expiresAt</c> passed, or the grace period of a roll ended, before anyone revoked it. Keys end lazily (nothing is
/// written when they do), so this is called where an ending is found: the periodic sweep of <see cref="AuditMaintenance"/>
/// and a revocation of a key that had already ended.</summary>
internal sealed class KeyEndings(IAuditStore store, TimeProvider time)
{
    public const string ExpiresAt = "expires_at";
    public const string GracePeriodEnded = "grace_period_ended";

    /// <summary>True when this call recorded the ending (false: the key has not ended on its own, or it is recorded already).</summary>
    public bool RecordIfEnded(ApiKeyRecord key)
    {
        var now = time.GetUtcNow();
        if (EndOf(key, now) is not { } end)
            return false;
        var after = new JsonObject { ["reason"] = end.Reason, ["endedAt"] = end.At.ToString("O") };
        return store.AppendOnce(new AuditEntry(0, now, AuditActions.KeyExpired, null, null, key.Id, null, null, null, null, null, null,
            after.ToJsonString()));
    }

    /// <summary>When and why the key stopped working on its own by <paramref name="now"/>; null when it has not, or when it
    /// was revoked first (a roll without grace period revokes at once).</summary>
    public static (DateTimeOffset At, string Reason)? EndOf(ApiKeyRecord key, DateTimeOffset now)
    {
        if (key.RevokeAt is { } graceEnd && key.RevokedAt is null && graceEnd <= now && !(key.ExpiresAt <= graceEnd))
            return (graceEnd, GracePeriodEnded);
        if (key.ExpiresAt is { } expiry && expiry <= now && !(key.RevokedAt <= expiry) && !(key.RevokeAt <= expiry))
            return (expiry, ExpiresAt);
        return null;
    }
}

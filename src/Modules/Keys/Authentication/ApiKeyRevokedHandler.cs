namespace KsQuery.Modules.Keys.Authentication;

/// <summary>Wolverine handler: drops a revoked or rolled key from the verified-key cache.</summary>
public static class ApiKeyRevokedHandler
{
    public static void Handle(ApiKeyRevoked message, IVerifiedKeyCache cache) => cache.Evict(message.KeyId);
}

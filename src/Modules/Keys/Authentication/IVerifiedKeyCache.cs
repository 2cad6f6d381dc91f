namespace KsQuery.Modules.Keys.Authentication;

/// <summary>Eviction of verified API keys (public because the <see cref="ApiKeyRevokedHandler"/> Wolverine handler takes it).</summary>
public interface IVerifiedKeyCache
{
    void Evict(string keyId);
}

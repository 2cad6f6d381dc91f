using KsQuery.Modules.Keys.ApiKeys.Restrictions;
using KsQuery.Modules.Keys.LastUse;
using KsQuery.Modules.Keys.Storage;

namespace KsQuery.Modules.Keys.ApiKeys;

internal static class ApiKeyMapping
{
    public static ApiKeyResponse ToResponse(this ApiKeyRecord key, DateTimeOffset now, LastUseTracker lastUse)
    {
        var status = key.StatusAt(now);
        var revokedAt = key.RevokedAt ?? (key.RevokeAt <= now ? key.RevokeAt : null);
        return new ApiKeyResponse(key.Id, key.Name, key.Description, key.Chain, key.Network, key.Display, status.ToApi(),
            key.CreatedAt, key.ExpiresAt, key.RevokeAt, revokedAt, key.ReplacedBy, key.RateLimitPerSecond, key.MonthlyQuota,
            key.Recoverable, lastUse.Latest(key.Id, key.LastUsedAt), ApiKeyRestrictionsDto.Of(key.Restrictions), TeamId: key.TeamId,
            CreatedBy: key.TeamId is null ? null : key.CreatedBy);
    }

    public static CreatedApiKeyResponse ToCreatedResponse(this ApiKeyRecord key, string plaintext, DateTimeOffset now) =>
        new(key.Id, key.Name, key.Description, key.Chain, key.Network, plaintext, key.Display, key.StatusAt(now).ToApi(),
            key.CreatedAt, key.ExpiresAt, key.RateLimitPerSecond, key.MonthlyQuota, key.Recoverable, ApiKeyRestrictionsDto.Of(key.Restrictions), key.TeamId);
}

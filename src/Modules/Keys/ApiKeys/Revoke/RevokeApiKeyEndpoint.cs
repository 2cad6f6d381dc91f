using System.Security.Claims;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.LastUse;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace KsQuery.Modules.Keys.ApiKeys.Revoke;

internal static class RevokeApiKeyEndpoint
{
    public static RouteGroupBuilder MapRevokeApiKey(this RouteGroupBuilder keys)
    {
        keys.MapPost("/{id}/revoke", RevokeAsync)
            .WithName("RevokeApiKey")
            .WithSummary("Revoke an API key")
            .WithDescription("Revokes the key at once: every later request with it gets 401 `key_revoked`. Revoking a revoked key " +
                             "answers 200 again. The encrypted copy of a recoverable key is deleted, and the key stops being " +
                             "your selection's active key.");
        return keys;
    }

    internal static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> RevokeAsync(
        string id, ClaimsPrincipal user, IApiKeyStore keys, KeyRevocation revocation, LastUseTracker lastUse, IMessageBus bus,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var accountId = user.GetAccountId();
        var key = await keys.FindAsync(id, cancellationToken);
        if (key is null || key.AccountId != accountId)
            return ApiKeyProblems.NotFound();

        var now = time.GetUtcNow();
        if (key.RevokedAt is null)
        {
            // A rolled key in its grace period is revoked now; one whose grace ended keeps that moment.
            var revoked = key with { RevokedAt = key.RevokeAt <= now ? key.RevokeAt : now, ProtectedKey = null };
            if (await keys.TryUpdateAsync(revoked, cancellationToken) != KeyWrite.Done)
                return ApiKeyProblems.NotFound();
            key = revoked;
        }
        await revocation.AnnounceAsync(bus, id);
        await revocation.ReplaceActiveKeyAsync(accountId, id, replacementId: null, cancellationToken);
        return TypedResults.Ok(key.ToResponse(now, lastUse));
    }
}

using System.Security.Claims;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Audit;
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
            .Answers(StatusCodes.Status403Forbidden, "forbidden_role")
            .Answers(StatusCodes.Status404NotFound, "key_not_found")
            .WithSummary("Revoke an API key")
            .WithDescription("Revokes the key at once: every later request with it gets 401 `key_revoked`. Revoking a revoked key " +
                             "answers 200 again. The encrypted copy of a recoverable key is deleted, and the key stops being " +
                             "your selection's active key. A team's key: developers, admins and owners (403 `forbidden_role` " +
                             "for viewers).");
        return keys;
    }

    internal static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> RevokeAsync(
        string id, ClaimsPrincipal user, IApiKeyStore keys, KeyAccess access, IAuditTrail audit, KeyRevocation revocation,
        LastUseTracker lastUse, IMessageBus bus, TimeProvider time, KeyEndings endings, CancellationToken cancellationToken)
    {
        var accountId = user.GetAccountId();
        var (found, denied) = await access.KeyAsync(id, accountId, KeyAction.Manage, cancellationToken);
        if (found is null)
            return denied!;
        var now = time.GetUtcNow();
        // Decided on the stored key in the store's write step: revokes running at once agree on one moment, and a roll or
        // rename that read the key earlier cannot undo it.
        ApiKeyRecord? before = null;
        var (result, key) = await keys.TryChangeAsync(id, found.AccountId, stored =>
        {
            before = stored;
            return stored.RevokedAsOf(now);
        }, cancellationToken);
        if (result != KeyWrite.Done)
            return ApiKeyProblems.NotFound();
        if (before is { RevokedAt: null })
        {
            // A key that had already ended on its own (the sweep may not have seen it yet) gets that ending recorded first;
            // one whose roll's grace period had ended was no longer working, so revoking it changes nothing that works.
            endings.RecordIfEnded(before);
            if (!(before.RevokeAt <= now))
                await audit.RecordAsync(new AuditEvent(AuditActions.KeyRevoked, accountId, id, TeamId: before.TeamId), cancellationToken);
        }
        await revocation.AnnounceAsync(bus, id);
        if (key!.TeamId is null)
            await revocation.ReplaceActiveKeyAsync(accountId, id, replacementId: null, cancellationToken);
        return TypedResults.Ok(key!.ToResponse(now, lastUse));
    }
}

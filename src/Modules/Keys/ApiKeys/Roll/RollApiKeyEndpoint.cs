using System.Security.Claims;
using System.Text.Json.Nodes;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Audit;
using KsQuery.Modules.Keys.Configuration;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Wolverine;

namespace KsQuery.Modules.Keys.ApiKeys.Roll;

internal static class RollApiKeyEndpoint
{
    public static RouteGroupBuilder MapRollApiKey(this RouteGroupBuilder keys)
    {
        keys.MapPost("/{id}/roll", RollAsync)
            .WithName("RollApiKey")
            .AnswersValidationFailed()
            .Answers(StatusCodes.Status403Forbidden, "forbidden_role")
            .Answers(StatusCodes.Status404NotFound, "key_not_found")
            .Answers(StatusCodes.Status409Conflict, "key_not_active", "key_name_taken", "key_limit_reached")
            .WithSummary("Replace an API key with a new one")
            .WithDescription("Issues a new key (plaintext once) with the same name, description, network, expiry, limits and " +
                             "recoverability. The old key keeps working for `gracePeriodSeconds` (0..604800, default 0; the " +
                             "body may be left out) and is then revoked; its `revokeAt` and `replacedBy` say when and by what. " +
                             "Only an active key that has not been rolled already can be rolled (409 `key_not_active`); a roll with a " +
                             "grace period needs a free slot under `Keys:MaxKeysPerAccount` (409 `key_limit_reached`). If the " +
                             "old key was your selection's active key, the new one takes its place. A team's key: developers, " +
                             "admins and owners (403 `forbidden_role` for viewers); the new key is the team's, issued by you.");
        return keys;
    }

    internal static async Task<Results<Created<CreatedApiKeyResponse>, ValidationProblem, ProblemHttpResult>> RollAsync(
        string id, RollApiKeyRequest? request, ClaimsPrincipal user, IApiKeyStore keys, KeyIssuer issuer, KeyRevocation revocation,
        KeyAccess access, IAuditTrail audit, IMessageBus bus, LinkGenerator links, IOptions<KeysOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var grace = request?.GracePeriodSeconds ?? 0;
        if (grace is < 0 or > ApiKeyRules.MaxGracePeriodSeconds)
            return ApiProblems.Invalid("gracePeriodSeconds", $"gracePeriodSeconds must be between 0 and {ApiKeyRules.MaxGracePeriodSeconds}.");

        var accountId = user.GetAccountId();
        var (key, denied) = await access.KeyAsync(id, accountId, KeyAction.Manage, cancellationToken);
        if (key is null)
            return denied!;
        if (key.StatusAt(time.GetUtcNow()) != ApiKeyStatus.Active)
            return ApiKeyProblems.NotActive("Only an active key can be rolled.");
        if (key.RevokeAt is not null)
            return ApiKeyProblems.NotActive($"This key has already been rolled (replaced by {key.ReplacedBy}).");

        for (var attempt = 1; ; attempt++)
        {
            var settings = KeyIssuer.SettingsOf(key);
            var (replacement, plaintext) = await issuer.IssueAsync(key.TeamId is null ? settings : settings with { CreatedBy = accountId },
                cancellationToken);
            var now = time.GetUtcNow();
            var retiring = grace == 0
                ? key with { RevokeAt = now, RevokedAt = now, ProtectedKey = null, ReplacedBy = replacement.Id }
                : key with { RevokeAt = now.AddSeconds(grace), ReplacedBy = replacement.Id };
            switch (await keys.TryRollAsync(retiring, replacement, new KeyLimit(options.Value.MaxKeysPerAccount, now), cancellationToken))
            {
                case KeyWrite.Done:
                    await revocation.AnnounceAsync(bus, key.Id);
                    if (key.TeamId is null)
                        await revocation.ReplaceActiveKeyAsync(accountId, key.Id, replacement.Id, cancellationToken);
                    await audit.RecordAsync(new AuditEvent(AuditActions.KeyRolled, accountId, key.Id, TeamId: key.TeamId, RelatedKeyId: replacement.Id, After: new JsonObject
                    {
                        ["replacementKeyId"] = replacement.Id,
                        ["gracePeriodSeconds"] = grace,
                        ["revokeAt"] = retiring.RevokeAt?.ToString("O"),
                    }), cancellationToken);
                    return links.CreatedAt(replacement.Id, replacement.ToCreatedResponse(plaintext, now));
                case KeyWrite.NotFound:
                    return ApiKeyProblems.NotFound();
                case KeyWrite.NotActive:
                    return ApiKeyProblems.NotActive("This key was revoked or rolled while this request ran.");
                case KeyWrite.NameTaken:
                    return ApiKeyProblems.NameTaken();
                case KeyWrite.LimitReached:
                    return ApiKeyProblems.LimitReached(options.Value.MaxKeysPerAccount, key.TeamId is not null);
                case KeyWrite.DuplicateId when attempt < KeyIssuer.MaxAttempts:
                    continue;
                default:
                    throw new InvalidOperationException("Could not store the replacement API key.");
            }
        }
    }
}

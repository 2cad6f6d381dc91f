using System.Security.Claims;
using System.Text.Json.Nodes;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.ApiKeys.Restrictions;
using KsQuery.Modules.Keys.Audit;
using KsQuery.Modules.Keys.Authentication;
using KsQuery.Modules.Keys.LastUse;
using KsQuery.Modules.Keys.Networks;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace KsQuery.Modules.Keys.ApiKeys.Update;

internal static class UpdateApiKeyEndpoint
{
    public static RouteGroupBuilder MapUpdateApiKey(this RouteGroupBuilder keys)
    {
        keys.MapPatch("/{id}", UpdateAsync)
            .WithName("UpdateApiKey")
            .AnswersValidationFailed()
            .Answers(StatusCodes.Status403Forbidden, "forbidden_role")
            .Answers(StatusCodes.Status404NotFound, "key_not_found")
            .Answers(StatusCodes.Status409Conflict, "key_name_taken")
            .WithSummary("Rename, describe or restrict an API key")
            .WithDescription("Changes `name` (same rules as on create, 409 `key_name_taken`), `description` (up to 256; " +
                             "an empty string removes it) and/or `restrictions` (replaced as a whole; `{}` removes them all; " +
                             "the next call with the key is checked against the new ones). Fields left out or null stay as they are. " +
                             "A team's key: developers, admins and owners (403 `forbidden_role` for viewers). " + RestrictionDocs.Text);
        return keys;
    }

    internal static async Task<Results<Ok<ApiKeyResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, UpdateApiKeyRequest request, ClaimsPrincipal user, IApiKeyStore keys, KeyAccess access, IAuditTrail audit,
        LastUseTracker lastUse, TimeProvider time, VerifiedKeyCache verifiedKeys, KeyRevocation revocation, IMessageBus bus,
        CancellationToken cancellationToken)
    {
        var accountId = user.GetAccountId();
        var validation = new Validation();
        if (request.Name is not null)
            ApiKeyRules.CheckName(validation, request.Name);
        ApiKeyRules.CheckDescription(validation, request.Description);
        ApiKeyRecord? found = null;
        KeyRestrictions? restrictions = null;
        if (request.Restrictions is { } wanted)
        {
            IReadOnlyList<string>? apiIds = [];
            if (wanted.Apis is { Count: > 0 })
            {
                // The allowed apis are those of the key's own network.
                (found, var refused) = await access.KeyAsync(id, accountId, KeyAction.Manage, cancellationToken);
                if (found is null)
                    return refused!;
                var (network, _) = await NetworkLookup.ResolveAsync(bus, found.Chain, found.Network, cancellationToken);
                apiIds = network?.ApiIds;
            }
            restrictions = RestrictionRules.Read(validation, wanted, apiIds);
        }
        if (!validation.IsValid)
            return ApiProblems.Invalid(validation.Errors);

        if (found is null)
        {
            (found, var denied) = await access.KeyAsync(id, accountId, KeyAction.Manage, cancellationToken);
            if (found is null)
                return denied!;
        }

        // Applied to the stored key in the store's write step, so a revocation or roll written meanwhile stays.
        ApiKeyRecord? before = null;
        var (result, updated) = await keys.TryChangeAsync(id, found.AccountId, key =>
        {
            before = key;
            return key with
            {
                Name = request.Name?.Trim() ?? key.Name,
                Description = request.Description is null ? key.Description : ApiKeyRules.NormalizeDescription(request.Description),
                Restrictions = request.Restrictions is null ? key.Restrictions : restrictions,
            };
        }, cancellationToken);
        if (result != KeyWrite.Done)
            return result == KeyWrite.NameTaken ? ApiKeyProblems.NameTaken() : ApiKeyProblems.NotFound();

        if (before!.Name != updated!.Name || before.Description != updated.Description)
            await audit.RecordAsync(new AuditEvent(AuditActions.KeyEdited, accountId, id, TeamId: updated.TeamId, Before: Described(before), After: Described(updated)),
                cancellationToken);
        if (request.Restrictions is not null && !(before.Restrictions ?? KeyRestrictions.None).SameAs(restrictions ?? KeyRestrictions.None))
        {
            // The next call with the key is checked against the new restrictions, without verifying its secret again.
            verifiedKeys.ChangeRestrictions(id, CompiledRestrictions.Of(restrictions));
            await revocation.EvictElsewhereAsync(id);
            await audit.RecordAsync(new AuditEvent(AuditActions.KeyRestrictionsChanged, accountId, KeyId: id, TeamId: updated.TeamId,
                Before: RestrictionsJson.Of(before.Restrictions), After: RestrictionsJson.Of(restrictions)), cancellationToken);
        }
        return TypedResults.Ok(updated.ToResponse(time.GetUtcNow(), lastUse));
    }

    private static JsonObject Described(ApiKeyRecord key) => new() { ["name"] = key.Name, ["description"] = key.Description };
}

using System.Security.Claims;
using System.Text.Json.Nodes;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Audit;
using KsQuery.Modules.Keys.LastUse;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

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
            .WithSummary("Rename or describe an API key")
            .WithDescription("Changes `name` (same rules as on create, 409 `key_name_taken`) and/or `description` (up to 256; " +
                             "an empty string removes it). Fields left out or null stay as they are. A team's key: developers, admins and " +
                             "owners (403 `forbidden_role` for viewers).");
        return keys;
    }

    internal static async Task<Results<Ok<ApiKeyResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, UpdateApiKeyRequest request, ClaimsPrincipal user, IApiKeyStore keys, KeyAccess access, IAuditTrail audit,
        LastUseTracker lastUse, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (request.Name is not null)
            ApiKeyRules.CheckName(validation, request.Name);
        ApiKeyRules.CheckDescription(validation, request.Description);
        if (!validation.IsValid)
            return ApiProblems.Invalid(validation.Errors);

        var accountId = user.GetAccountId();
        var (found, denied) = await access.KeyAsync(id, accountId, KeyAction.Manage, cancellationToken);
        if (found is null)
            return denied!;

        // Applied to the stored key in the store's write step, so a revocation or roll written meanwhile stays.
        ApiKeyRecord? before = null;
        var (result, updated) = await keys.TryChangeAsync(id, found.AccountId, key =>
        {
            before = key;
            return key with
            {
                Name = request.Name?.Trim() ?? key.Name,
                Description = request.Description is null ? key.Description : ApiKeyRules.NormalizeDescription(request.Description),
            };
        }, cancellationToken);
        if (result == KeyWrite.Done && before is not null && (before.Name != updated!.Name || before.Description != updated.Description))
            await audit.RecordAsync(new AuditEvent(AuditActions.KeyEdited, accountId, id, TeamId: updated.TeamId, Before: Described(before), After: Described(updated)),
                cancellationToken);
        return result switch
        {
            KeyWrite.Done => TypedResults.Ok(updated!.ToResponse(time.GetUtcNow(), lastUse)),
            KeyWrite.NameTaken => ApiKeyProblems.NameTaken(),
            _ => ApiKeyProblems.NotFound(),
        };
    }

    private static JsonObject Described(ApiKeyRecord key) => new() { ["name"] = key.Name, ["description"] = key.Description };
}

using System.Security.Claims;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.LastUse;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KsQuery.Modules.Keys.ApiKeys.Get;

internal static class GetApiKeyEndpoint
{
    public static RouteGroupBuilder MapGetApiKey(this RouteGroupBuilder keys)
    {
        keys.MapGet("/{id}", GetAsync)
            .WithName(GetApiKeyRoute.Name)
            .WithSummary("Read one API key")
            .WithDescription("One of your keys, masked. Usage totals are at `GET /v1/keys/{id}/usage`. Another account's key " +
                             "answers 404 `key_not_found`, like an unknown id.");
        return keys;
    }

    internal static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> GetAsync(
        string id, ClaimsPrincipal user, IApiKeyStore keys, LastUseTracker lastUse, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = await keys.FindAsync(id, cancellationToken);
        if (key is null || key.AccountId != user.GetAccountId())
            return ApiKeyProblems.NotFound();
        return TypedResults.Ok(key.ToResponse(time.GetUtcNow(), lastUse));
    }
}

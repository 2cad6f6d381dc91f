using System.Security.Claims;
using KsQuery.Contracts.Http;
using KsQuery.Contracts.Messages;
using KsQuery.Modules.Keys.LastUse;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace KsQuery.Modules.Keys.ApiKeys.Get;

internal static class GetApiKeyEndpoint
{
    public static RouteGroupBuilder MapGetApiKey(this RouteGroupBuilder keys)
    {
        keys.MapGet("/{id}", GetAsync)
            .WithName(GetApiKeyRoute.Name)
            .Answers(StatusCodes.Status404NotFound, "key_not_found")
            .WithSummary("Read one API key")
            .WithDescription("One of your keys, masked, with its all-time usage totals (`usage.requests`, `usage.errors`); " +
                             "per-API detail and quota state are at `GET /v1/keys/{id}/usage`. Another account's key " +
                             "answers 404 `key_not_found`, like an unknown id. A team's key: readable by every member of the team.");
        return keys;
    }

    internal static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> GetAsync(
        string id, ClaimsPrincipal user, KeyAccess access, LastUseTracker lastUse, TimeProvider time, IMessageBus bus,
        CancellationToken cancellationToken)
    {
        var (key, denied) = await access.KeyAsync(id, user.GetAccountId(), KeyAction.Read, cancellationToken);
        if (key is null)
            return denied!;
        var totals = await bus.InvokeAsync<KeyUsageTotals>(new GetKeyUsageTotals(key.Id), cancellationToken);
        var response = key.ToResponse(time.GetUtcNow(), lastUse);
        // The Usage module has seen every call answered before this read; the last-use tracker may lag by a publication.
        if (totals.LastCallAt > response.LastUsedAt || (response.LastUsedAt is null && totals.LastCallAt is not null))
            response = response with { LastUsedAt = totals.LastCallAt };
        return TypedResults.Ok(response with { Usage = new ApiKeyUsageTotals(totals.Requests, totals.Errors) });
    }
}

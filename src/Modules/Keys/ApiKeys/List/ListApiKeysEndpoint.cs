using System.Security.Claims;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.LastUse;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KsQuery.Modules.Keys.ApiKeys.List;

internal static class ListApiKeysEndpoint
{
    public static RouteGroupBuilder MapListApiKeys(this RouteGroupBuilder keys)
    {
        keys.MapGet("/", ListAsync)
            .WithName("ListApiKeys")
            .AnswersValidationFailed()
            .Answers(StatusCodes.Status404NotFound, "team_not_found")
            .WithQueryEnum("status", ApiKeyStatusFilter.All, ApiKeyStatusFilter.Values)
            .WithSummary("List your API keys")
            .WithDescription("Your keys, masked (`display` only), newest first, each with `lastUsedAt` (kept in memory and " +
                             "stored every few seconds). `status` is `active`, `revoked`, `expired` or `all`; the default is " +
                             "`all`. Paged with `page` (1..1000000) and `size` (1..100, default 20). With `teamId`: that team's " +
                             "keys instead, for any member (404 `team_not_found` for a team you are not in); each then carries " +
                             "`teamId` and `createdBy`.");
        return keys;
    }

    internal static async Task<Results<Ok<PagedList<ApiKeyResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, IApiKeyStore keys, KeyAccess access, LastUseTracker lastUse, TimeProvider time,
        CancellationToken cancellationToken, string? status = null, string? page = null, string? size = null, string? teamId = null)
    {
        var validation = new Validation();
        var filter = (status ?? ApiKeyStatusFilter.All).Trim().ToLowerInvariant();
        validation.Require(ApiKeyStatusFilter.Values.Contains(filter), "status", "status must be active, revoked, expired or all.");
        var (pageNumber, pageSize) = Paging.Read(page, size, validation);
        if (!validation.IsValid)
            return ApiProblems.Invalid(validation.Errors);

        var (ownerId, denied) = await access.OwnerAsync(teamId, user.GetAccountId(), KeyAction.Read, cancellationToken);
        if (denied is not null)
            return denied;
        var now = time.GetUtcNow();
        var matching = (await keys.ListByAccountAsync(ownerId!, cancellationToken))
            .Select(k => k.ToResponse(now, lastUse))
            .Where(k => filter == ApiKeyStatusFilter.All || k.Status == filter)
            .OrderByDescending(k => k.CreatedAt)
            .ThenBy(k => k.Id, StringComparer.Ordinal)
            .ToList();
        var items = matching.Skip(Paging.Skip(pageNumber, pageSize)).Take(pageSize).ToList();
        return TypedResults.Ok(new PagedList<ApiKeyResponse>(items, pageNumber, pageSize, matching.Count));
    }
}

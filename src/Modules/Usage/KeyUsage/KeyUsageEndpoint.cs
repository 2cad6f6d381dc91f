using System.Security.Claims;
using KsQuery.Contracts.Http;
using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Aggregation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace KsQuery.Modules.Usage.KeyUsage;

/// <summary><c>GET /v1/keys/{id}/usage?from&amp;to</c>: one key's totals, per API, and its quota state.</summary>
internal static class KeyUsageEndpoint
{
    public static void MapKeyUsage(this RouteGroupBuilder v1) =>
        v1.MapGet("/keys/{id}/usage", GetKeyUsage)
            .RequireAuthorization(Policies.Account)
            .WithTags("Usage")
            .WithName("GetKeyUsage")
            .WithSummary("Usage of one of your keys")
            .WithDescription("Requests and errors (status >= 400) of every answered call made with the key, optionally only in [from, to) " +
                "(ISO-8601, minute resolution), broken down by API, with the key's monthly quota state (UTC calendar month). " +
                "Counts are kept in memory and written every second; they include calls answered a moment ago. 404 `key_not_found` for a key that is not yours.");

    private static async Task<Results<Ok<KeyUsageDto>, ProblemHttpResult, ValidationProblem>> GetKeyUsage(
        string id, DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal user, IMessageBus bus, UsageCounter counter, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (from is not null && to is not null && from >= to)
            return ApiProblems.Invalid("from", "from must be before to.");

        var lookup = await bus.InvokeAsync<AccountKeyLookup>(new FindAccountKey(user.GetAccountId(), id), cancellationToken);
        if (lookup.Key is not { } key)
            return ApiProblems.NotFound("key_not_found", $"You have no key '{id}'.");

        var totals = KeyTotals.From(counter.Aggregator.BucketsFor(key.Id, from, to));
        var now = time.GetUtcNow();
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var usedThisMonth = counter.Aggregator.BucketsFor(key.Id, monthStart).Sum(b => b.Requests);

        return TypedResults.Ok(new KeyUsageDto(
            key.Id,
            totals.Requests,
            totals.Errors,
            totals.LastUsedAt,
            totals.ByApi.Select(a => new ApiUsageDto(a.ApiId, a.Requests, a.Errors)).ToList(),
            new QuotaDto(key.MonthlyQuota, usedThisMonth, monthStart.AddMonths(1))));
    }
}

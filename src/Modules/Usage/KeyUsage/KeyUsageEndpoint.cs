using System.Security.Claims;
using KsQuery.Contracts.Http;
using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Aggregation;
using KsQuery.Modules.Usage.Alerts;
using KsQuery.Modules.Usage.Limits;
using KsQuery.Modules.Usage.Queries;
using KsQuery.Modules.Usage.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace KsQuery.Modules.Usage.KeyUsage;

/// <summary><c>GET /v1/keys/{id}/usage?from&amp;to</c>: one key's totals, per API and status, its quota state and alerts.</summary>
internal static class KeyUsageEndpoint
{
    public static void MapKeyUsage(this RouteGroupBuilder v1) =>
        v1.MapGet("/keys/{id}/usage", GetKeyUsage)
            .RequireAuthorization(Policies.Account)
            .AnswersUsageUnavailable()
            .WithTags("Usage")
            .WithName("GetKeyUsage")
            .AnswersValidationFailed()
            .Answers(StatusCodes.Status404NotFound, "key_not_found")
            .WithSummary("Usage of one of your keys")
            .WithDescription("Requests, errors (status >= 400) and rejections (refused for the key) of every answered call made with the key " +
                "in [`from`, `to`) (ISO-8601, minute resolution, " + Timestamps.RangeText + "; absent means unbounded; `from` before `to`), by API (with the latency percentiles " +
                "`p50Ms`/`p95Ms` of each API's answered calls) and by status; `lastUsedAt` is the " +
                "latest use in the range (calls refused at authentication are not a use). `quota`: the monthly quota (`limit`, null for " +
                "none), calls `used` this UTC calendar month, `remaining` and `resetsAt` (start of next month). What counts against the " +
                "quota: every call that passed the key, scope, rate-limit and quota checks and reached the chain API, whatever it " +
                "answered; refused calls (401, 403, 429) do not. `alerts`: the key's newest misuse signals in the range. " +
                AlertRules.Description + " " + UsageDocs.Counting + " 404 `key_not_found` for a key that is not yours or of a team you are in " +
                "(every member of a team reads its keys' usage).");

    private static async Task<Results<Ok<KeyUsageDto>, ProblemHttpResult, ValidationProblem>> GetKeyUsage(
        string id, ClaimsPrincipal user, IMessageBus bus, UsageQueries queries, QuotaTracker quota, TimeProvider time,
        CancellationToken cancellationToken, string? from = null, string? to = null)
    {
        var validation = new Validation();
        var (start, end) = TimeRangeQuery.ReadRange(from, to, validation);
        if (!validation.IsValid)
            return ApiProblems.Invalid(validation.Errors);

        var lookup = await bus.InvokeAsync<AccountKeyLookup>(new FindAccountKey(user.GetAccountId(), id), cancellationToken);
        if (lookup.Key is not { } key)
            return ApiProblems.NotFound("key_not_found", $"You have no key '{id}'.");

        var totals = KeyTotals.From(await queries.BucketsAsync(new BucketFilter(KeyId: key.Id, From: start, To: end), cancellationToken));
        var now = time.GetUtcNow();
        var used = quota.Used(key.Id, now);
        var alerts = (await queries.AlertsAsync(key.AccountId, key.Id, start, end, cancellationToken)).Select(UsageAlertDto.From).ToList();

        return TypedResults.Ok(new KeyUsageDto(
            key.Id,
            start,
            end,
            totals.Requests,
            totals.Errors,
            totals.Rejections,
            totals.LastUsedAt,
            totals.ByApi.Select(a => new ApiUsageDto(a.ApiId, a.Requests, a.Errors, a.P50Ms, a.P95Ms)).ToList(),
            totals.ByStatus,
            new QuotaDto(key.MonthlyQuota, used, key.MonthlyQuota is { } limit ? Math.Max(0, limit - used) : null,
                QuotaTracker.MonthOf(now).AddMonths(1)),
            alerts));
    }
}

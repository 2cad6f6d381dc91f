using System.Security.Claims;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Usage.Aggregation;
using KsQuery.Modules.Usage.Alerts;
using KsQuery.Modules.Usage.Queries;
using KsQuery.Modules.Usage.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace KsQuery.Modules.Usage.Summary;

/// <summary><c>GET /v1/usage/summary?from&amp;to</c>.</summary>
internal static class SummaryEndpoint
{
    public static RouteGroupBuilder MapUsageSummary(this RouteGroupBuilder usage)
    {
        usage.MapGet("/summary", GetSummary)
            .WithName("GetUsageSummary")
            .AnswersValidationFailed()
            .Answers(StatusCodes.Status404NotFound, "team_not_found")
            .WithSummary("Usage of all your keys")
            .WithDescription("Every keyed call of your keys answered in [`from`, `to`) (ISO-8601, minute resolution, " + Timestamps.RangeText +
                "; both optional, absent means unbounded; `from` before `to`): `requests` counts each answered call once, served or refused; `errors` those answered with " +
                "status >= 400 (refusals included); `rejections` those refused for their key (revoked, expired, wrong secret, scope, " +
                "rate limit, quota). Broken down `byKey`, `byApi` and `byStatus` (each adds up to `requests`); each `byApi` entry has the " +
                "latency percentiles `p50Ms`/`p95Ms` of its answered calls (as in the timeseries: at most ~19% above the exact value). `alerts` lists the " +
                $"newest misuse signals raised in the range (at most {UsageQueries.MaxAlerts}). " + AlertRules.Description + " " +
                UsageDocs.Counting + UsageScope.TeamIdDescription);
        return usage;
    }

    private static async Task<Results<Ok<UsageSummaryDto>, ValidationProblem, ProblemHttpResult>> GetSummary(ClaimsPrincipal user,
        UsageQueries queries, IMessageBus bus, CancellationToken cancellationToken, string? from = null, string? to = null,
        string? teamId = null)
    {
        var validation = new Validation();
        var (start, end) = TimeRangeQuery.ReadRange(from, to, validation);
        if (!validation.IsValid)
            return ApiProblems.Invalid(validation.Errors);

        var (accountId, denied) = await UsageScope.ResolveAsync(bus, user.GetAccountId(), teamId, cancellationToken);
        if (denied is not null)
            return denied;
        var buckets = await queries.BucketsAsync(new BucketFilter(AccountId: accountId, From: start, To: end), cancellationToken);
        var totals = KeyTotals.From(buckets);
        var byKey = buckets.GroupBy(b => b.KeyId, StringComparer.Ordinal)
            .Select(g =>
            {
                var key = KeyTotals.From(g.ToList());
                return new KeySummaryDto(g.Key, key.Requests, key.Errors, key.Rejections, key.LastUsedAt);
            })
            .OrderByDescending(k => k.Requests).ThenBy(k => k.KeyId, StringComparer.Ordinal)
            .ToList();
        var alerts = (await queries.AlertsAsync(accountId!, null, start, end, cancellationToken)).Select(UsageAlertDto.From).ToList();

        return TypedResults.Ok(new UsageSummaryDto(start, end, totals.Requests, totals.Errors, totals.Rejections, byKey,
            totals.ByApi.Select(a => new ApiSummaryDto(a.Chain, a.Network, a.ApiId, a.Requests, a.Errors, a.P50Ms, a.P95Ms)).ToList(),
            totals.ByStatus, alerts));
    }
}

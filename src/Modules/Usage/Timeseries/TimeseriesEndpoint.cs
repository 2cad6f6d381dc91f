using System.Security.Claims;
using KsQuery.Contracts.Http;
using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Aggregation;
using KsQuery.Modules.Usage.Queries;
using KsQuery.Modules.Usage.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace KsQuery.Modules.Usage.Timeseries;

/// <summary><c>GET /v1/usage/timeseries?keyId&amp;from&amp;to&amp;interval=minute|hour|day</c>.</summary>
internal static class TimeseriesEndpoint
{
    public static RouteGroupBuilder MapUsageTimeseries(this RouteGroupBuilder usage)
    {
        usage.MapGet("/timeseries", GetTimeseries)
            .WithName("GetUsageTimeseries")
            .AnswersValidationFailed()
            .WithQueryEnum("interval", TimeseriesInterval.Default.Name, TimeseriesInterval.All.Select(i => i.Name).ToArray())
            .Answers(StatusCodes.Status404NotFound, "key_not_found", "team_not_found")
            .WithSummary("Usage over time")
            .WithDescription("One point per `interval` (`minute`, `hour` or `day`, UTC; default `hour`) from `from` (rounded down) to `to` " +
                "(rounded up, exclusive), empty intervals included: `requests`, `errors` (status >= 400) and latency percentiles " +
                "`p50Ms`/`p95Ms` of the answered calls (null for an empty interval). Percentiles come from a log-scale histogram kept " +
                "per minute; a value is the upper bound of its histogram slot, at most ~19% above the exact percentile. `keyId` " +
                "limits it to one of your keys (404 `key_not_found` otherwise); without it, all your keys. `to` defaults to now and " +
                "`from` to 60 minutes, 24 hours or 30 days before `to`; `from` must be before `to`, both " + Timestamps.RangeText + ". " +
                $"At most {TimeseriesInterval.MaxPoints} points per request, so [`from`, `to`) spans at most 24 hours with " +
                "`minute`, 60 days with `hour` and 1440 days with `day` (400 `validation_failed` beyond). " + UsageDocs.Counting +
                UsageScope.TeamIdDescription + " `keyId` may name a key of a team you are in.");
        return usage;
    }

    private static async Task<Results<Ok<IReadOnlyList<TimeseriesPointDto>>, ProblemHttpResult, ValidationProblem>> GetTimeseries(
        ClaimsPrincipal user, UsageQueries queries, IMessageBus bus, TimeProvider time, CancellationToken cancellationToken,
        string? keyId = null, string? from = null, string? to = null, string? interval = null, string? teamId = null)
    {
        var validation = new Validation();
        var (start, end) = TimeRangeQuery.ReadRange(from, to, validation);
        var step = TimeseriesInterval.Parse(interval);
        validation.Require(step is not null, "interval", "interval must be minute, hour or day.");
        validation.Require(keyId is null || KeyIdText.IsPlausible(keyId), "keyId", $"keyId {KeyIdText.Rule}.");
        var now = time.GetUtcNow();
        if (start is not null && end is null && start >= now)
            validation.Add("from", "from must be before to, which defaults to now.");
        if (!validation.IsValid)
            return ApiProblems.Invalid(validation.Errors);

        // Within Timestamps' range and with from < to, none of this can overflow, and first < last.
        var last = step!.Ceiling(end ?? now);
        var first = step.Floor(start ?? last - step.Step * step.DefaultPoints);
        if ((last - first).Ticks / step.Step.Ticks > TimeseriesInterval.MaxPoints)
            return ApiProblems.Invalid("from", $"At most {TimeseriesInterval.MaxPoints} {step.Name}s per request: narrow from/to or use a wider interval.");

        var (ownerId, denied) = await UsageScope.ResolveAsync(bus, user.GetAccountId(), teamId, cancellationToken);
        if (denied is not null)
            return denied;
        if (keyId is not null)
        {
            var lookup = await bus.InvokeAsync<AccountKeyLookup>(new FindAccountKey(user.GetAccountId(), keyId), cancellationToken);
            // A key of a team the caller is in is recorded under the team; with teamId given, it must be that team's.
            if (lookup.Key is null || (teamId is not null && lookup.Key.AccountId != teamId))
                return ApiProblems.NotFound("key_not_found", $"You have no key '{keyId}'.");
            ownerId = lookup.Key.AccountId;
        }

        var buckets = (await queries.BucketsAsync(new BucketFilter(AccountId: ownerId, KeyId: keyId, From: first, To: last), cancellationToken))
            .GroupBy(b => step.Floor(b.MinuteUtc))
            .ToDictionary(g => g.Key, g => g.ToList());
        var points = new List<TimeseriesPointDto>();
        for (var at = first; at < last; at += step.Step)
            points.Add(Point(at, buckets.GetValueOrDefault(at)));
        return TypedResults.Ok<IReadOnlyList<TimeseriesPointDto>>(points);
    }

    private static TimeseriesPointDto Point(DateTimeOffset start, List<StoredBucket>? buckets)
    {
        if (buckets is null)
            return new TimeseriesPointDto(start, 0, 0, null, null);
        long[] histogram = [];
        foreach (var bucket in buckets)
            histogram = LatencyHistogram.Merge(histogram, bucket.Histogram);
        var maxMs = buckets.Max(b => b.MaxMs);
        return new TimeseriesPointDto(start, buckets.Sum(b => b.Requests), buckets.Where(b => b.IsError).Sum(b => b.Requests),
            LatencyHistogram.Percentile(histogram, 0.50, maxMs), LatencyHistogram.Percentile(histogram, 0.95, maxMs));
    }
}

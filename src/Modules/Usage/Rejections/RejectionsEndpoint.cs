using System.Security.Claims;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Usage.Queries;
using KsQuery.Modules.Usage.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace KsQuery.Modules.Usage.Rejections;

/// <summary><c>GET /v1/usage/rejections?from&amp;to&amp;page&amp;size</c>.</summary>
internal static class RejectionsEndpoint
{
    public static RouteGroupBuilder MapUsageRejections(this RouteGroupBuilder usage)
    {
        usage.MapGet("/rejections", GetRejections)
            .WithName("GetUsageRejections")
            .AnswersValidationFailed()
            .Answers(StatusCodes.Status404NotFound, "team_not_found")
            .WithSummary("Refused calls of your keys")
            .WithDescription("Keyed calls refused for a key that could be tied to one of yours, newest first: `key_invalid` (wrong secret " +
                "for your key id), `key_revoked`, `key_expired`, `key_disabled`, `key_scope_mismatch`, `key_restricted` (with `restriction`: `ip`, `origin`, `user_agent` or `api`), `rate_limited`, `quota_exceeded`, each with time, " +
                "HTTP status, key id and masked key, client address (`ip`, as the server saw it), user agent, method and path, so you see " +
                "who used a revoked or leaked key. Optional [`from`, `to`) (ISO-8601, " + Timestamps.RangeText + "); paged with `page` (1..1000000) and `size` (1..100, " +
                "default 20). The log is bounded: entries are kept for `Usage:Rejections:Retention` (default 30 days), at most " +
                "`Usage:Rejections:MaxStored` (100000) in all, and at most `Usage:Rejections:MaxPerKeyPerFlush` (100) per key per flush " +
                "interval; refusals beyond that are still counted in usage (`rejections`, `byStatus`), just not logged one by one. " +
                "Calls with a key that could not be identified (missing, malformed, unknown id) belong to no account and are not listed. " +
                UsageDocs.Unavailable + UsageScope.TeamIdDescription);
        return usage;
    }

    private static async Task<Results<Ok<PagedList<RejectionDto>>, ValidationProblem, ProblemHttpResult>> GetRejections(ClaimsPrincipal user,
        UsageQueries queries, IMessageBus bus, CancellationToken cancellationToken, string? from = null, string? to = null, string? page = null,
        string? size = null, string? teamId = null)
    {
        var validation = new Validation();
        var (start, end) = TimeRangeQuery.ReadRange(from, to, validation);
        var (pageNumber, pageSize) = Paging.Read(page, size, validation);
        if (!validation.IsValid)
            return ApiProblems.Invalid(validation.Errors);

        var (ownerId, denied) = await UsageScope.ResolveAsync(bus, user.GetAccountId(), teamId, cancellationToken);
        if (denied is not null)
            return denied;
        var skip = Paging.Skip(pageNumber, pageSize);
        var (items, total) = await queries.RejectionsAsync(ownerId!, start, end, skip, pageSize, cancellationToken);
        return TypedResults.Ok(new PagedList<RejectionDto>(items.Select(ToDto).ToList(), pageNumber, pageSize, total));
    }

    private static RejectionDto ToDto(StoredRejection r) => new(new DateTimeOffset(StoredTime.Utc(r.At), TimeSpan.Zero), r.Code, r.Status,
        r.KeyId, r.Display, r.Ip, r.UserAgent, r.Method, r.Path, r.Restriction);
}

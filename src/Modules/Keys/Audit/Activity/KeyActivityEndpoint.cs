using System.Security.Claims;
using KsQuery.Contracts.Http;
using KsQuery.Contracts.Messages;
using KsQuery.Modules.Keys.ApiKeys;
using KsQuery.Modules.Keys.Audit.Log;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Wolverine;

namespace KsQuery.Modules.Keys.Audit.Activity;

/// <summary><c>GET /v1/keys/{id}/activity?from&amp;to&amp;page&amp;size</c>: the key's changes (audit log) and refused calls
/// (the Usage module's rejections log, asked through <see cref="GetKeyRejections"/>) on one timeline, newest first.</summary>
internal static class KeyActivityEndpoint
{
    public const string UsageUnavailable = "usage_unavailable";

    public static RouteGroupBuilder MapKeyActivity(this RouteGroupBuilder keys)
    {
        keys.MapGet("/{id}/activity", GetAsync)
            .WithName("GetApiKeyActivity")
            .AnswersValidationFailed()
            .Answers(StatusCodes.Status404NotFound, "key_not_found")
            .Answers(StatusCodes.Status503ServiceUnavailable, UsageUnavailable)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Everything that happened to one of your keys")
            .WithDescription("The key's changes (`kind: \"change\"`, with `action` as in `GET /v1/audit`, the actor, client address, " +
                             "user agent and `before`/`after`) and its refused calls (`kind: \"refusal\"`, with `code` as in " +
                             "`GET /v1/usage/rejections`, `status`, client address, user agent, `method` and `path`) on one timeline, " +
                             "newest first (`at`). Optional [`from`, `to`) (ISO-8601, " + Timestamps.RangeText + "); paged with " +
                             "`page` (1..1000000) and `size` (1..100, default 20); `total` counts both kinds. Refusals are kept as " +
                             "long as the rejections log keeps them (`Usage:Rejections:*`), changes for `Audit:RetentionDays`. " +
                             "Another account's key, or a key of a team you are not in, answers 404 `key_not_found` (every member of a key's team reads its timeline); 503 `usage_unavailable` with `Retry-After` when " +
                             "the refusals of calls answered before this read could not be counted within `Usage:ReadTimeout`.");
        return keys;
    }

    internal static async Task<Results<Ok<PagedList<KeyActivityItem>>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id, HttpContext context, ClaimsPrincipal user, KeyAccess access, IAuditStore store, IMessageBus bus,
        CancellationToken cancellationToken, string? from = null, string? to = null, string? page = null, string? size = null)
    {
        var validation = new Validation();
        var (start, end) = TimeRangeQuery.ReadRange(from, to, validation);
        var (pageNumber, pageSize) = Paging.Read(page, size, validation);
        if (!validation.IsValid)
            return ApiProblems.Invalid(validation.Errors);

        // A team's key: every member may read its timeline, as its usage.
        var (key, denied) = await access.KeyAsync(id, user.GetAccountId(), KeyAction.Read, cancellationToken);
        if (key is null)
            return denied!;

        // The page is the newest skip + size of the two sources merged: each gives its newest skip + size.
        var skip = Paging.Skip(pageNumber, pageSize);
        var take = skip + pageSize;
        var (changes, changeTotal) = store.Find(new AuditFilter(KeyId: key.Id, From: start, To: end), 0, take);
        var refusals = await bus.InvokeAsync<KeyRejectionsPage>(new GetKeyRejections(key.Id, start, end, take), cancellationToken);
        if (!refusals.Available)
        {
            context.Response.Headers[HeaderNames.RetryAfter] = "1";
            return ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, UsageUnavailable, "Service unavailable",
                "The refused calls of this key are still being brought up to date; try again in a moment.");
        }

        var items = Merge(changes, refusals.Items).Skip(skip).Take(pageSize).ToList();
        return TypedResults.Ok(new PagedList<KeyActivityItem>(items, pageNumber, pageSize, changeTotal + refusals.Total));
    }

    /// <summary>Both lists come newest first; on the same instant a refusal is put first (it follows the change it met).</summary>
    private static IEnumerable<KeyActivityItem> Merge(IReadOnlyList<AuditEntry> changes, IReadOnlyList<KeyRejectionEntry> refusals)
    {
        int c = 0, r = 0;
        while (c < changes.Count || r < refusals.Count)
        {
            if (r < refusals.Count && (c == changes.Count || refusals[r].At >= changes[c].At))
                yield return FromRefusal(refusals[r++]);
            else
                yield return FromChange(changes[c++]);
        }
    }

    private static KeyActivityItem FromChange(AuditEntry e) => new(e.At, KeyActivityItem.Change, e.Action, null, e.ActorAccountId,
        e.ActorEmail, e.ClientAddress, e.UserAgent, AuditEntryResponse.Parse(e.Before), AuditEntryResponse.Parse(e.After), null, null, null);

    private static KeyActivityItem FromRefusal(KeyRejectionEntry r) => new(r.At, KeyActivityItem.Refusal, null, r.Code, null, null,
        r.ClientAddress, r.UserAgent, null, null, r.Status, r.Method, r.Path);
}

using System.Security.Claims;
using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KsQuery.Modules.Keys.Audit.Log;

/// <summary><c>GET /v1/audit?keyId&amp;actor&amp;action&amp;from&amp;to&amp;page&amp;size</c>: the entries the caller may see.</summary>
internal static class AuditLogEndpoint
{
    public static RouteGroupBuilder MapAuditLog(this RouteGroupBuilder audit)
    {
        audit.MapGet("/", GetAsync)
            .WithName("GetAuditLog")
            .AnswersValidationFailed()
            .WithSummary("The audit log")
            .WithDescription("Who did what, newest first: account created, logins and failed logins (of a known account), keys " +
                             "created, edited (`before`/`after` of name and description), rolled (`relatedKeyId`: the replacement), " +
                             "revealed, revoked and expired (`actorAccountId` null: the system found that the key's `expiresAt` " +
                             "passed or a roll's grace period ended). Each entry has `at`, `action`, the actor's account id and " +
                             "email at that time, the key, team and subject account it concerns, and the `clientAddress` and " +
                             "`userAgent` (up to 256 characters) of the request; never key material, passwords, tokens or hashes. " +
                             "You see your own actions, actions done to your account, everything concerning your keys and, as an owner or admin " +
                             "of a team, everything done in that team. Filters: " +
                             "`keyId` (also matches the replacement of a roll), `actor` (account id), `action` (one of the actions " +
                             "above, e.g. `key.revoked`; an unknown one is 400), [`from`, `to`) (ISO-8601, " + Timestamps.RangeText +
                             "); paged with `page` (1..1000000) and `size` (1..100, default 20). Entries cannot be changed or deleted " +
                             "through the API; they are kept for `Audit:RetentionDays` (default 365).");
        return audit;
    }

    internal static async Task<Results<Ok<PagedList<AuditEntryResponse>>, ValidationProblem>> GetAsync(
        ClaimsPrincipal user, AuditVisibility visibility, IAuditStore store, CancellationToken cancellationToken,
        string? keyId = null, string? actor = null, string? action = null, string? from = null, string? to = null,
        string? page = null, string? size = null)
    {
        var validation = new Validation();
        validation.Require(string.IsNullOrEmpty(keyId) || KeyIdText.IsPlausible(keyId), "keyId", $"keyId {KeyIdText.Rule}.");
        var key = string.IsNullOrEmpty(keyId) || !KeyIdText.IsPlausible(keyId) ? null : keyId;
        // Account ids, like key ids, are letters and digits.
        validation.Require(string.IsNullOrEmpty(actor) || KeyIdText.IsPlausible(actor), "actor", "actor must be an account id (letters and digits only, at most 64).");
        var actorId = string.IsNullOrEmpty(actor) || !KeyIdText.IsPlausible(actor) ? null : actor;
        if (!string.IsNullOrEmpty(action) && !AuditActions.All.Contains(action))
            validation.Add("action", "action must be one of " + string.Join(", ", AuditActions.All.Order(StringComparer.Ordinal)) + ".");
        var (start, end) = TimeRangeQuery.ReadRange(from, to, validation);
        var (pageNumber, pageSize) = Paging.Read(page, size, validation);
        if (!validation.IsValid)
            return ApiProblems.Invalid(validation.Errors);

        var scope = await visibility.ForAsync(user.GetAccountId(), cancellationToken);
        var filter = new AuditFilter(scope, key, actorId, string.IsNullOrEmpty(action) ? null : action, start, end);
        var (items, total) = store.Find(filter, Paging.Skip(pageNumber, pageSize), pageSize);
        return TypedResults.Ok(new PagedList<AuditEntryResponse>(items.Select(AuditEntryResponse.From).ToList(), pageNumber, pageSize, total));
    }
}

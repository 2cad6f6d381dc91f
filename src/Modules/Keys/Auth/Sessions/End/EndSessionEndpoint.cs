using System.Security.Claims;
using System.Text.Json.Nodes;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KsQuery.Modules.Keys.Auth.Sessions.End;

internal static class EndSessionEndpoint
{
    public static RouteGroupBuilder MapEndSession(this RouteGroupBuilder sessions)
    {
        sessions.MapDelete("/{id}", EndAsync)
            .WithName("EndSession")
            .Answers(StatusCodes.Status404NotFound, "session_not_found")
            .WithSummary("End one of your sessions")
            .WithDescription("Ends the session (as logging out of it would): its refresh tokens get 401 `invalid_credentials` on " +
                             "`/v1/auth/refresh` and its access tokens 401 `unauthenticated` at their next use. Your current " +
                             "session can be ended too. A session that is not one of your live sessions (unknown, ended, " +
                             "expired, or another account's) answers 404 `session_not_found`.");
        return sessions;
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> EndAsync(
        string id, ClaimsPrincipal user, AccountSessions sessions, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var accountId = user.GetAccountId();
        if (sessions.Find(id, accountId) is null)
            return ApiProblems.NotFound("session_not_found", "You have no live session with this id.");
        sessions.End(id, accountId);
        await audit.RecordAsync(new AuditEvent(AuditActions.SessionEnded, accountId,
            Before: new JsonObject { ["sessionId"] = id }, After: new JsonObject { ["endedBy"] = "sessions_list" }), cancellationToken);
        return TypedResults.NoContent();
    }
}

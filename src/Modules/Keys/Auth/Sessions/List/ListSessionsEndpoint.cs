using System.Security.Claims;
using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KsQuery.Modules.Keys.Auth.Sessions.List;

internal static class ListSessionsEndpoint
{
    public static RouteGroupBuilder MapListSessions(this RouteGroupBuilder sessions)
    {
        sessions.MapGet("/", List)
            .WithName("ListSessions")
            .AnswersValidationFailed()
            .WithSummary("List your sessions")
            .WithDescription("Your live dashboard sessions (one per login, kept through refreshes until it is ended or its last " +
                             "refresh token expires), the most recently refreshed first: `id`, `createdAt` (the login), " +
                             "`refreshedAt` (the last login or refresh; using an access token does not move it), `expiresAt` " +
                             "(when its refresh token expires), `clientAddress` and `userAgent` of the last login or refresh, and " +
                             "`current` (true for the session of the access token you sent). Never a token. Paged with `page` " +
                             "(1..1000000) and `size` (1..100, default 20).");
        return sessions;
    }

    internal static Results<Ok<PagedList<SessionResponse>>, ValidationProblem> List(
        ClaimsPrincipal user, AccountSessions sessions, string? page = null, string? size = null)
    {
        var validation = new Validation();
        var (pageNumber, pageSize) = Paging.Read(page, size, validation);
        if (!validation.IsValid)
            return ApiProblems.Invalid(validation.Errors);

        var current = SessionClaims.SessionIdOf(user);
        var all = sessions.List(user.GetAccountId());
        var items = all.Skip(Paging.Skip(pageNumber, pageSize)).Take(pageSize)
            .Select(s => new SessionResponse(s.Id, s.CreatedAt, s.RefreshedAt, s.ExpiresAt, s.ClientAddress, s.UserAgent, s.Id == current))
            .ToList();
        return TypedResults.Ok(new PagedList<SessionResponse>(items, pageNumber, pageSize, all.Count));
    }
}

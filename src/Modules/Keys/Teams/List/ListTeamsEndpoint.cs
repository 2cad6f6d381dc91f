using System.Security.Claims;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KsQuery.Modules.Keys.Teams.List;

internal static class ListTeamsEndpoint
{
    public static RouteGroupBuilder MapListTeams(this RouteGroupBuilder teams)
    {
        teams.MapGet("/", ListAsync)
            .WithName("ListTeams")
            .AnswersValidationFailed()
            .WithSummary("List your teams")
            .WithDescription("The teams you are a member of, each with your `role`, oldest first. Paged with `page` (1..1000000) " +
                             "and `size` (1..100, default 20).");
        return teams;
    }

    internal static async Task<Results<Ok<PagedList<TeamResponse>>, ValidationProblem>> ListAsync(
        ClaimsPrincipal user, ITeamStore teams, CancellationToken cancellationToken, string? page = null, string? size = null)
    {
        var validation = new Validation();
        var (pageNumber, pageSize) = Paging.Read(page, size, validation);
        if (!validation.IsValid)
            return ApiProblems.Invalid(validation.Errors);

        var all = new List<TeamResponse>();
        foreach (var membership in await teams.MembershipsAsync(user.GetAccountId(), cancellationToken))
        {
            if (await teams.FindAsync(membership.TeamId, cancellationToken) is { } team)
                all.Add(new TeamResponse(team.Id, team.Name, membership.Role.ToApi(), team.CreatedAt));
        }
        var ordered = all.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
        var items = ordered.Skip(Paging.Skip(pageNumber, pageSize)).Take(pageSize).ToList();
        return TypedResults.Ok(new PagedList<TeamResponse>(items, pageNumber, pageSize, ordered.Count));
    }
}

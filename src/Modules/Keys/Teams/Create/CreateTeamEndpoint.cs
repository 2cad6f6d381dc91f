using System.Security.Claims;
using System.Text.Json.Nodes;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Audit;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KsQuery.Modules.Keys.Teams.Create;

internal static class CreateTeamEndpoint
{
    public static RouteGroupBuilder MapCreateTeam(this RouteGroupBuilder teams)
    {
        teams.MapPost("/", CreateAsync)
            .WithName("CreateTeam")
            .AnswersValidationFailed()
            .WithSummary("Create a team")
            .WithDescription("Creates a team with you as its owner. `name`: 1..64 characters with a visible character (the same " +
                             "rules as a key's name; names need not be unique). A team owns keys and their usage; its members act " +
                             "on them by role: `owner` and `admin` manage members, `developer` creates, edits, rolls and revokes " +
                             "keys, `viewer` sees masked keys and usage only.");
        return teams;
    }

    internal static async Task<Results<Created<TeamResponse>, ValidationProblem>> CreateAsync(
        CreateTeamRequest request, ClaimsPrincipal user, ITeamStore teams, IAuditTrail audit, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var validation = new Validation();
        TeamRules.CheckName(validation, request.Name);
        if (!validation.IsValid)
            return ApiProblems.Invalid(validation.Errors);

        var accountId = user.GetAccountId();
        var now = time.GetUtcNow();
        var team = new TeamRecord(TeamRules.NewId(), request.Name!.Trim(), accountId, now);
        await teams.CreateAsync(team, new TeamMemberRecord(team.Id, accountId, TeamRole.Owner, now), cancellationToken);
        await audit.RecordAsync(new AuditEvent(AuditActions.TeamCreated, accountId, TeamId: team.Id,
            After: new JsonObject { ["name"] = team.Name }), cancellationToken);
        return TypedResults.Created($"/v1/teams/{team.Id}", new TeamResponse(team.Id, team.Name, TeamRole.Owner.ToApi(), team.CreatedAt));
    }
}

using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KsQuery.Modules.Keys.Teams;

internal static class TeamProblems
{
    // A team the caller is not in answers exactly like an unknown one.
    public static ProblemHttpResult NotFound() => ApiProblems.NotFound("team_not_found", "You are not a member of a team with this id.");

    public static ProblemHttpResult ForbiddenRole(string detail) =>
        ApiProblems.Problem(StatusCodes.Status403Forbidden, "forbidden_role", "Forbidden", detail);

    public static ProblemHttpResult MemberNotFound() => ApiProblems.NotFound("member_not_found", "This team has no member with this account id.");

    public static ProblemHttpResult LastOwner() =>
        ApiProblems.Conflict("last_owner", "A team keeps at least one owner: make another member an owner first.");

    /// <summary>Deleting the account would leave these teams without an owner; <c>teams</c> lists them.</summary>
    public static ProblemHttpResult OwnerRequired(IReadOnlyList<OwnedTeam> teams) => TypedResults.Problem(
        detail: "You are the last owner of " + string.Join(", ", teams.Select(t => $"'{t.Name}' ({t.Id})")) +
                ", which other members share: make another member an owner of each before deleting the account.",
        statusCode: StatusCodes.Status409Conflict, title: "Conflict",
        extensions: new Dictionary<string, object?> { ["code"] = "team_owner_required", ["teams"] = teams.ToArray() });

    public static ProblemHttpResult AlreadyMember() => ApiProblems.Conflict("already_member", "This account is already a member of the team.");
}

namespace KsQuery.Modules.Keys.Teams;

/// <summary>A member's role in a team, from most to least powerful.</summary>
internal enum TeamRole { Owner, Admin, Developer, Viewer }

internal static class TeamRoles
{
    public static readonly string[] Names = ["owner", "admin", "developer", "viewer"];

    public const string Rule = "role must be owner, admin, developer or viewer.";

    public static string ToApi(this TeamRole role) => Names[(int)role];

    public static TeamRole? Parse(string? text) => Array.IndexOf(Names, text?.Trim().ToLowerInvariant()) is var i and >= 0 ? (TeamRole)i : null;

    /// <summary>Invite, change roles, remove others (only an owner touches an owner).</summary>
    public static bool ManagesMembers(this TeamRole role) => role is TeamRole.Owner or TeamRole.Admin;

    /// <summary>Create, edit, roll and revoke the team's keys.</summary>
    public static bool ManagesKeys(this TeamRole role) => role is not TeamRole.Viewer;
}

using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Text;

namespace KsQuery.Modules.Keys.Teams;

internal static class TeamRules
{
    public const int MaxNameLength = 64;

    public static void CheckName(Validation validation, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            validation.Add("name", "name is required.");
        else if (name.Trim().Length > MaxNameLength)
            validation.Add("name", $"name must be at most {MaxNameLength} characters.");
        else
            // The whole text, not the trimmed one: Trim() also drops C1 controls such as U+0085 (NEL), which are refused.
            ReadableText.Check(validation, "name", name);
    }

    /// <summary>Team ids start with <c>team_</c>, so they never equal an account id (32 hex digits): a team's keys carry
    /// the team id where a personal key carries its account id.</summary>
    public static string NewId() => "team_" + Guid.NewGuid().ToString("N");
}

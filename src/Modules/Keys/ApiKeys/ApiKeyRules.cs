using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Text;

namespace KsQuery.Modules.Keys.ApiKeys;

/// <summary>Field rules of docs/api.md for key settings.</summary>
internal static class ApiKeyRules
{
    public const int MaxNameLength = 64;
    public const int MaxDescriptionLength = 256;
    public const int MaxRateLimitPerSecond = 1_000_000;
    public const long MaxMonthlyQuota = 1_000_000_000_000;
    public const int MaxGracePeriodSeconds = 604_800;

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

    /// <summary>Up to 256 characters, which may span lines; blank means none (<see cref="NormalizeDescription"/>).</summary>
    public static void CheckDescription(Validation validation, string? description)
    {
        if (description is null)
            return;
        if (description.Length > MaxDescriptionLength)
            validation.Add("description", $"description must be at most {MaxDescriptionLength} characters.");
        else if (!string.IsNullOrWhiteSpace(description))
            ReadableText.Check(validation, "description", description.Trim(), lineBreaks: true);
    }

    /// <summary>Descriptions are optional: blank means none.</summary>
    public static string? NormalizeDescription(string? description) =>
        string.IsNullOrWhiteSpace(description) ? null : description.Trim();
}

using KsQuery.Contracts.Http;

namespace KsQuery.Modules.Keys.ApiKeys;

/// <summary>Field rules of API.md for key settings.</summary>
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
        else if (name.Any(char.IsControl))
            validation.Add("name", "name must not contain control characters.");
    }

    public static void CheckDescription(Validation validation, string? description) =>
        validation.Require(description is null || description.Length <= MaxDescriptionLength, "description",
            $"description must be at most {MaxDescriptionLength} characters.");

    /// <summary>Descriptions are optional: blank means none.</summary>
    public static string? NormalizeDescription(string? description) =>
        string.IsNullOrWhiteSpace(description) ? null : description.Trim();
}

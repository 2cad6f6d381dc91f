namespace KsQuery.Modules.Keys.Accounts;

internal static class EmailAddress
{
    public const int MaxLength = 254;

    /// <summary>Emails are compared trimmed and case-insensitively.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public static bool IsValid(string email)
    {
        var trimmed = email.Trim();
        var at = trimmed.IndexOf('@');
        return trimmed.Length <= MaxLength && at > 0 && at == trimmed.LastIndexOf('@') && at < trimmed.Length - 1 &&
               trimmed.AsSpan(at + 1).Contains('.') && !trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
    }
}

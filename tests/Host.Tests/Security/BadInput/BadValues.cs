using System.Text;

namespace Host.Tests.Security.BadInput;

/// <summary>The wrong values shared by several routes, with the answers docs/api.md gives them.</summary>
public static class BadValues
{
    public const string Emoji = "\U0001F600";

    /// <summary>Injection and traversal strings, odd characters and sizes, for ids, filters and path segments.</summary>
    public static readonly (string Label, string Text)[] Hostile =
    [
        ("sql-injection", "' OR 1=1 --"),
        ("sql-union", "1 UNION SELECT * FROM keys"),
        ("nosql-where", "$where"),
        ("nosql-operator", "{\"$ne\":null}"),
        ("script", "<script>alert(1)</script>"),
        ("traversal", "../../etc/passwd"),
        ("encoded-traversal", "%2e%2e%2f%2e%2e%2fetc"),
        ("backslash-traversal", "..\\..\\windows"),
        ("wildcard", "*"),
        ("long", new string('k', 2000)),
        ("bidi-override", "\u202Eabc"),
        ("zero-width", "\u200B"),
        ("emoji", Emoji),
        ("control", "a\u0001b"),
        ("crlf", "a\r\nX-Injected: 1"),
    ];

    /// <summary>Timestamps that do not parse or fall outside what the API accepts.</summary>
    public static readonly BadValue[] Timestamps =
    [
        new("letters", "yesterday", 400, "validation_failed"),
        new("month-13", "2026-13-01T00:00:00Z", 400, "validation_failed"),
        new("feb-30", "2026-02-30T00:00:00Z", 400, "validation_failed"),
        new("sql-injection", "' OR 1=1 --", 400, "validation_failed"),
        new("overflowing-offset", "9999-12-31T23:59:59-05:00", 400, "validation_failed"),
        new("underflowing-offset", "0001-01-01T00:00:00+05:00", 400, "validation_failed"),
        new("unix-seconds", "1700000000", 400, "validation_failed"),
        new("bidi-override", "\u202E2026-01-01", 400, "validation_failed"),
        new("year-9999-end", "9999-12-31T23:59:59Z", 400, "validation_failed"),
        new("year-1", "0001-01-01T00:00:00Z", 400, "validation_failed"),
    ];

    /// <summary>Page numbers that are not whole numbers from 1, in the range every version of the API refuses.</summary>
    public static readonly BadValue[] Pages =
    [
        new("zero", "0", 400, "validation_failed"),
        new("negative", "-1", 400, "validation_failed"),
        new("letters", "abc", 400, "validation_failed"),
        new("fraction", "1.5", 400, "validation_failed"),
        new("exponent", "1e3", 400, "validation_failed"),
        new("hex", "0x10", 400, "validation_failed"),
        new("plus-sign", "+1", 400, "validation_failed"),
        new("leading-space", " 1", 400, "validation_failed"),
        new("int32-overflow", "2147483648", 400, "validation_failed"),
        new("huge", "99999999999999999999", 400, "validation_failed"),
        new("fullwidth-digit", "\uFF11", 400, "validation_failed"),
        new("arabic-digit", "\u0661", 400, "validation_failed"),
        new("sql-injection", "1 OR 1=1", 400, "validation_failed"),
    ];

    public static readonly BadValue[] Sizes =
    [
        new("zero", "0", 400, "validation_failed"),
        new("over-max", "101", 400, "validation_failed"),
        new("negative", "-1", 400, "validation_failed"),
        new("huge", "1000000", 400, "validation_failed"),
        new("letters", "x", 400, "validation_failed"),
    ];

    /// <summary>Every hostile string, answered alike.</summary>
    public static BadValue[] HostileAs(int status, string code) =>
        [.. Hostile.Select(h => new BadValue(h.Label, h.Text, status, code))];

    /// <summary>Key ids in a path: none exists, so each is 404 <c>key_not_found</c>, including another account's.</summary>
    public static BadValue[] KeyIds() =>
    [
        .. HostileAs(404, "key_not_found"),
        new("other-accounts-key", "@other@", 404, "key_not_found"),
        new("unknown", "AAAAAAAAAAA", 404, "key_not_found"),
        new("percent-encoded-traversal", "%%..%2F..%2Fme", 404, "key_not_found"),
    ];

    /// <summary>Team ids in a path: only the caller's team exists for the caller, so each is 404 <c>team_not_found</c>,
    /// including another account's team.</summary>
    public static BadValue[] TeamIds() =>
    [
        .. HostileAs(404, "team_not_found"),
        new("other-accounts-team", "@otherTeam@", 404, "team_not_found"),
        new("unknown", "team_00000000000000000000000000000000", 404, "team_not_found"),
        new("percent-encoded-traversal", "%%..%2F..%2Fme", 404, "team_not_found"),
    ];

    /// <summary>A JSON string literal; every UTF-16 surrogate is written as an escape, so a lone one reaches the server as
    /// <c>\udXXX</c> (a pair makes a valid escaped character).</summary>
    public static string Json(string text)
    {
        var json = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '"' or '\\')
                json.Append('\\').Append(c);
            else if (c < 0x20 || char.IsSurrogate(c))
                json.Append("\\u").Append(((int)c).ToString("x4"));
            else
                json.Append(c);
        }
        return json.Append('"').ToString();
    }

    /// <summary>Percent-encodes a path segment or query value; a value written with its own percent escapes (marked by
    /// a leading <c>%%</c>) and a placeholder (<c>@name@</c>) go as they are.</summary>
    public static string Encode(string text) =>
        text.StartsWith("%%", StringComparison.Ordinal) ? text[2..]
        : IsPlaceholder(text) ? text
        : Uri.EscapeDataString(text);

    private static bool IsPlaceholder(string text) =>
        text.Length > 2 && text[0] == '@' && text[^1] == '@' && text[1..^1].All(char.IsAsciiLetterOrDigit);
}

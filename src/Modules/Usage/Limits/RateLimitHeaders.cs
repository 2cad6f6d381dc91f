using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace KsQuery.Modules.Usage.Limits;

/// <summary>Writes <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c>, <c>RateLimit-Reset</c> (delta seconds, rounded up),
/// <c>RateLimit-Policy</c> and, on a refusal, <c>Retry-After</c> (seconds, rounded up).</summary>
internal static class RateLimitHeaders
{
    public const string Limit = "RateLimit-Limit";
    public const string Remaining = "RateLimit-Remaining";
    public const string Reset = "RateLimit-Reset";
    public const string Policy = "RateLimit-Policy";

    // Texts of small numbers (resets of a second, small limits), shared instead of formatted on every call.
    private static readonly string[] Small = [.. Enumerable.Range(0, 1024).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    // The last limit above the small texts (a key allowing thousands of calls a second): the same on most calls.
    private static NumberText? _lastLimit;

    public static void Write(IHeaderDictionary headers, LimitDecision decision)
    {
        headers[Limit] = LimitText(decision.Limit);
        headers[Remaining] = Text(decision.Remaining);
        headers[Reset] = Seconds(decision.Reset);
        headers[Policy] = decision.Policy;
        if (decision.RetryAfter is { } retryAfter)
            headers[HeaderNames.RetryAfter] = Seconds(retryAfter);
    }

    /// <summary>Whole seconds rounded up, at least 1 (a reset "now" is already the next window).</summary>
    public static string Seconds(TimeSpan span) => Text(Math.Max(1, (long)Math.Ceiling(span.TotalSeconds)));

    private static string LimitText(long value)
    {
        if ((ulong)value < (ulong)Small.Length)
            return Small[value];
        if (_lastLimit is { } last && last.Value == value)
            return last.Text;
        var text = value.ToString(CultureInfo.InvariantCulture);
        _lastLimit = new NumberText(value, text);
        return text;
    }

    private sealed record NumberText(long Value, string Text);

    private static string Text(long value) =>
        (ulong)value < (ulong)Small.Length ? Small[value] : value.ToString(CultureInfo.InvariantCulture);
}

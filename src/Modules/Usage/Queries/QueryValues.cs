using System.Globalization;
using KsQuery.Contracts.Http;

namespace KsQuery.Modules.Usage.Queries;

/// <summary>Reads the <c>from</c>/<c>to</c> query values (ISO-8601, UTC unless an offset is given, within
/// <see cref="Timestamps"/>' range; <c>from</c> &lt; <c>to</c>). They are read as text so that a bad value is a 400
/// <c>validation_failed</c> with <c>errors</c>, not a binding failure.</summary>
internal static class QueryValues
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd",
    ];

    public const string Hint = "ISO-8601 timestamp, e.g. 2030-01-31T00:00:00Z";

    public static (DateTimeOffset? From, DateTimeOffset? To) ReadRange(string? from, string? to, Validation validation)
    {
        var start = Parse(from, "from", validation);
        var end = Parse(to, "to", validation);
        if (start is not null && end is not null && start >= end)
            validation.Add("from", "from must be before to.");
        return (start, end);
    }

    public static DateTimeOffset? Parse(string? text, string field, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (!DateTimeOffset.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
            validation.Add(field, $"{field} must be an {Hint}.");
        else if (!Timestamps.InRange(value))
            validation.Add(field, $"{field} must be {Timestamps.RangeText}.");
        else
            return value;
        return null;
    }
}

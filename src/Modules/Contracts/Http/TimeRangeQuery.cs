using System.Globalization;

namespace KsQuery.Contracts.Http;

/// <summary>Reads the <c>from</c>/<c>to</c> query values of the usage and audit routes (ISO-8601, UTC unless an offset is
/// given, within <see cref="Timestamps"/>' range; <c>from</c> before <c>to</c>). They are read as text so that a bad value
/// is a 400 <c>validation_failed</c> naming the field, not a binding failure.</summary>
public static class TimeRangeQuery
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd",
    ];

    public static (DateTimeOffset? From, DateTimeOffset? To) ReadRange(string? from, string? to, Validation validation)
    {
        var start = Parse(from, "from", validation);
        var end = Parse(to, "to", validation);
        if (start is not null && end is not null && start >= end)
            validation.Add("from", "from must be before to.");
        return (start, end);
    }

    private static DateTimeOffset? Parse(string? text, string field, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (!DateTimeOffset.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
            validation.Add(field, $"{field} must be an ISO-8601 timestamp, e.g. 2030-01-31T00:00:00Z.");
        else if (!Timestamps.InRange(value))
            validation.Add(field, $"{field} must be {Timestamps.RangeText}.");
        else
            return value;
        return null;
    }
}

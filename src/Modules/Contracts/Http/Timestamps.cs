namespace KsQuery.Contracts.Http;

/// <summary>The range of timestamps the API accepts, in query values and bodies alike. Nothing KS Query counts predates
/// 1970, and stopping a year short of <see cref="DateTimeOffset.MaxValue"/> leaves room for the arithmetic done on a
/// timestamp (rounding to an interval, default ranges) without overflow.</summary>
public static class Timestamps
{
    public static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;
    public static readonly DateTimeOffset Latest = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const string RangeText = "between 1970-01-01T00:00:00Z and 9999-01-01T00:00:00Z";

    public static bool InRange(DateTimeOffset value) => value >= Earliest && value <= Latest;
}

namespace KsQuery.Modules.Usage.Timeseries;

/// <summary>One interval of a timeseries; percentiles are null when the interval has no calls.</summary>
public sealed record TimeseriesPointDto(DateTimeOffset Start, long Requests, long Errors, double? P50Ms, double? P95Ms);

namespace KsQuery.Modules.Usage.Timeseries;

/// <summary><c>minute</c>, <c>hour</c> or <c>day</c> (UTC), with the range shown when <c>from</c> is not given.</summary>
internal sealed record TimeseriesInterval(string Name, TimeSpan Step, int DefaultPoints)
{
    public const int MaxPoints = 1440;

    public static readonly TimeseriesInterval Minute = new("minute", TimeSpan.FromMinutes(1), 60);
    public static readonly TimeseriesInterval Hour = new("hour", TimeSpan.FromHours(1), 24);
    public static readonly TimeseriesInterval Day = new("day", TimeSpan.FromDays(1), 30);

    public static readonly TimeseriesInterval Default = Hour;

    public static readonly IReadOnlyList<TimeseriesInterval> All = [Minute, Hour, Day];

    public static TimeseriesInterval? Parse(string? text)
    {
        if (text is null)
            return Default;
        var name = text.Trim().ToLowerInvariant();
        return All.FirstOrDefault(i => i.Name == name);
    }

    public DateTimeOffset Floor(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % Step.Ticks, TimeSpan.Zero);

    public DateTimeOffset Ceiling(DateTimeOffset at) => Floor(at) == at ? at : Floor(at) + Step;
}

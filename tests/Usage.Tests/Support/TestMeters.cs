using System.Diagnostics.Metrics;

namespace Usage.Tests.Support;

internal sealed class TestMeters : IMeterFactory
{
    public Meter Create(MeterOptions options) => new(options);

    public void Dispose()
    {
    }
}

/// <summary>Sums what one instrument records while it is alive.</summary>
internal sealed class MetricTotal : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _total;

    public MetricTotal(string instrument)
    {
        _listener.InstrumentPublished = (i, l) =>
        {
            if (i.Name == instrument)
                l.EnableMeasurementEvents(i);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    public void Dispose() => _listener.Dispose();
}

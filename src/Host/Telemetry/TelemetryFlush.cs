using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace KsQuery.Host.Telemetry;

/// <summary>Exports what is pending when the service stops, while KS Query's meters still exist: the providers' own flush
/// comes with the container's disposal, after the meters are gone, and lost up to one export interval of counts.
/// The providers are held from the start: a stop may run after the container is disposed (a test host stops twice at
/// once), and a flush of a disposed provider does nothing.</summary>
internal sealed class TelemetryFlush(MeterProvider meters, TracerProvider traces) : IHostedService
{
    private const int TimeoutMilliseconds = 5_000;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        meters.ForceFlush(TimeoutMilliseconds);
        traces.ForceFlush(TimeoutMilliseconds);
        return Task.CompletedTask;
    }
}

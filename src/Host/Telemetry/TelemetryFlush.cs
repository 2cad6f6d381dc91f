using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace KsQuery.Host.Telemetry;

/// <summary>Exports what is pending when the service stops, while KS Query's meters still exist: the providers' own flush
/// comes with the container's disposal, after the meters are gone, and lost up to one export interval of counts.</summary>
internal sealed class TelemetryFlush(IServiceProvider services) : IHostedService
{
    private const int TimeoutMilliseconds = 5_000;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        services.GetService<MeterProvider>()?.ForceFlush(TimeoutMilliseconds);
        services.GetService<TracerProvider>()?.ForceFlush(TimeoutMilliseconds);
        return Task.CompletedTask;
    }
}

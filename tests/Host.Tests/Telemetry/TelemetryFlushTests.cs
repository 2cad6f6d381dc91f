using KsQuery.Host.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Host.Tests.Telemetry;

/// <summary>A test host stops the application twice at once (the factory's stop, and the entry point's own after
/// WaitForShutdownAsync, which then disposes the container): one of the two stops may run after the container is gone.
/// The flush must not need the container then (OtlpExportTests failed that way under a full CI run's load).</summary>
public sealed class TelemetryFlushTests
{
    [Fact]
    public async Task A_stop_after_the_container_is_disposed_does_not_throw()
    {
        var services = new ServiceCollection();
        services.AddOpenTelemetry().WithMetrics(_ => { }).WithTracing(_ => { });
        services.AddHostedService<TelemetryFlush>();
        var container = services.BuildServiceProvider();
        var flush = container.GetServices<IHostedService>().OfType<TelemetryFlush>().Single();
        await flush.StartAsync(CancellationToken.None);

        await container.DisposeAsync();

        await Should.NotThrowAsync(() => flush.StopAsync(CancellationToken.None));
    }
}

using System.Diagnostics;

namespace KsQuery.Host.Logging;

/// <summary>With JSON logs, every request gets an <see cref="Activity"/> (created, never recorded or exported) so that its
/// log entries carry its <c>TraceId</c> and <c>SpanId</c> scope and its problem answers the same trace id. ASP.NET Core
/// creates one only when something listens (OpenTelemetry tracing, or the per-request hosting log that the shipped
/// settings turn off for the keyed path's sake); this listener is that something, at the cost of one activity a request
/// (bench/run --metrics measures the keyed path with it: the benchmark's stdout is not a terminal).</summary>
internal sealed class RequestActivities : IHostedService, IDisposable
{
    private ActivityListener? _listener;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(_listener);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener?.Dispose();
}

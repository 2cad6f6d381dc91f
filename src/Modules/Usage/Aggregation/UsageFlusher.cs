using KsQuery.Modules.Usage.Storage;
using KsQuery.Modules.Usage.Tracking;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Usage.Aggregation;

/// <summary>Writes pending usage every <see cref="UsageOptions.FlushInterval"/>; a hard kill loses at most one interval.
/// At a graceful stop it writes once more after every hosted service (the web server draining its requests, Wolverine
/// draining its local queues) has stopped, handling first the events of calls answered after the event pump stopped
/// (<see cref="UnpublishedCalls"/>), so nothing answered before the stop is lost. It also trims the rejections
/// log and alerts to their retention and reports calls refused with unidentified keys to the log.</summary>
internal sealed class UsageFlusher(
    UsageAggregator aggregator,
    UsageEventBuffer events,
    UnpublishedCalls unpublished,
    IUsageStore store,
    UnidentifiedRejections unidentified,
    IOptions<UsageOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<UsageFlusher> logger) : BackgroundService, IHostedLifecycleService
{
    private static readonly TimeSpan TrimEvery = TimeSpan.FromMinutes(10);
    private DateTimeOffset _lastTrim = DateTimeOffset.MinValue;
    private DateTimeOffset _lastReport = time.GetUtcNow();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval, time);
        try
        {
            // Nothing to write before the application serves; and a start that fails (a port in use) disposes the store
            // without stopping this service, so a tick before that point would meet a closed store.
            await WhenStartedAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                FlushSafely();
                Housekeeping();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        FlushSafely();
    }

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken)
    {
        var late = events.Drain();
        if (late.Length > 0)
            unpublished.Handle(late);
        FlushSafely();
        ReportUnidentified(time.GetUtcNow());
        return Task.CompletedTask;
    }

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void FlushSafely()
    {
        try
        {
            aggregator.Flush();
        }
        catch (Exception ex)
        {
            // Counts stay pending and are retried at the next tick.
            logger.LogError(ex, "Writing usage counts failed; will retry");
        }
    }

    private void Housekeeping()
    {
        var now = time.GetUtcNow();
        if (now - _lastTrim >= TrimEvery)
        {
            _lastTrim = now;
            try
            {
                var rejections = options.Value.Rejections;
                store.Trim(now - rejections.Retention, rejections.MaxStored);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Trimming the usage rejections log failed; will retry");
            }
        }
        if (now - _lastReport >= options.Value.UnidentifiedReportInterval)
            ReportUnidentified(now);
    }

    private void ReportUnidentified(DateTimeOffset now)
    {
        _lastReport = now;
        var report = unidentified.TakeReport();
        if (report.Count == 0)
            return;
        logger.LogWarning(
            "{Count} keyed calls were refused with a key that could not be identified since the last report ({ByCode}); busiest client addresses: {Addresses}",
            report.Count,
            string.Join(", ", report.ByCode.Select(c => $"{c.Key}={c.Value}")),
            string.Join(", ", report.TopAddresses.Select(a => $"{a.Key}={a.Value}")));
    }
}

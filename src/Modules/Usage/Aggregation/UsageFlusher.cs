using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Usage.Aggregation;

/// <summary>Writes pending counts every <see cref="UsageOptions.FlushInterval"/> and once more at a graceful stop.
/// A hard kill loses at most one interval of counts.</summary>
internal sealed class UsageFlusher(UsageAggregator aggregator, IOptions<UsageOptions> options, TimeProvider time, ILogger<UsageFlusher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                FlushSafely();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        FlushSafely();
    }

    private void FlushSafely()
    {
        try
        {
            aggregator.Flush();
        }
        catch (Exception ex)
        {
            // Counts stay pending and are retried at the next tick.
            logger.LogError(ex, "Writing usage counts failed");
        }
    }
}

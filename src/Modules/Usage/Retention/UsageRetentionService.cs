using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KsQuery.Modules.Usage.Retention;

/// <summary>Runs <see cref="UsageRollUp"/> once the application has started (an upgraded store is rolled up at once) and
/// then every hour, off the request path; a failure is logged and retried at the next run.</summary>
internal sealed class UsageRetentionService(UsageRollUp rollUp, TimeProvider time, IHostApplicationLifetime lifetime,
    ILogger<UsageRetentionService> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
                await started.Task.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(Every, time);
            do
            {
                RunSafely(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void RunSafely(CancellationToken stoppingToken)
    {
        try
        {
            var changed = rollUp.Run(stoppingToken);
            if (changed > 0)
                logger.LogInformation("Usage retention rolled up or deleted {Count} stored usage buckets", changed);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Rolling up stored usage failed; will retry in an hour");
        }
    }
}

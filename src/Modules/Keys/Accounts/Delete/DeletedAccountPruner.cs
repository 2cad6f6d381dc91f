using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KsQuery.Modules.Keys.Accounts.Delete;

/// <summary>Runs <see cref="IDeletedAccountPurge"/> once the application has started and then every hour on the
/// <see cref="TimeProvider"/>; a failed pass is logged and tried again at the next.</summary>
internal sealed class DeletedAccountPruner(IDeletedAccountPurge purge, TimeProvider time, IHostApplicationLifetime lifetime,
    ILogger<DeletedAccountPruner> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Wolverine (which carries the usage module's part) must be running before the first pass.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                if (await purge.RunAsync(stoppingToken) is > 0 and var purged)
                    logger.LogInformation("Removed the data of {Count} deleted accounts and disbanded teams past their retention", purged);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Removing the data of deleted accounts and disbanded teams failed; trying again in {Interval}", Interval);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

using KsQuery.Modules.Keys.Configuration;
using KsQuery.Modules.Keys.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.LastUse;

/// <summary>Writes pending <c>lastUsedAt</c> values every few seconds, and once more at a graceful stop after every hosted
/// service has stopped: the web server's last requests answered, Wolverine's local queues drained (the
/// <see cref="LastUseHandler"/> runs on one), and the Usage module's stop has handed over the calls it could not publish
/// (its flusher's <c>StoppedAsync</c> runs before this one: stopped hooks run in reverse registration order, and the Keys
/// module is added first). The stores are disposed only after that, with the container.</summary>
internal sealed class LastUseFlusher(
    LastUseTracker tracker,
    IApiKeyStore store,
    IOptions<KeysOptions> options,
    TimeProvider time,
    ILogger<LastUseFlusher> logger) : BackgroundService, IHostedLifecycleService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LastUsedFlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal async Task FlushAsync(CancellationToken cancellationToken)
    {
        var pending = tracker.Snapshot();
        if (pending.Count == 0)
            return;
        try
        {
            await store.SetLastUsedAsync(pending, cancellationToken);
            tracker.Acknowledge(pending);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not write lastUsedAt of {Count} keys; will retry", pending.Count);
        }
    }
}

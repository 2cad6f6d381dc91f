using KsQuery.Contracts.Hosting;
using KsQuery.Modules.Keys.Configuration;
using KsQuery.Modules.Keys.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.LastUse;

/// <summary>Writes pending <c>lastUsedAt</c> values every <c>Keys:LastUsedFlushInterval</c> (a minute), and once more at a graceful stop after every hosted
/// service has stopped: the web server's last requests answered, Wolverine's local queues drained (the
/// <see cref="LastUseHandler"/> runs on one), and the Usage module's stop has handed over the calls it could not publish
/// (its flusher's <c>StoppedAsync</c> runs before this one: stopped hooks run in reverse registration order, and the Keys
/// module is added first). The stores are disposed only after that, with the container.</summary>
internal sealed class LastUseFlusher(
    LastUseTracker tracker,
    IApiKeyStore store,
    IOptions<KeysOptions> options,
    TimeProvider time,
    ILogger<LastUseFlusher> logger) : PeriodicBackgroundService(time), IHostedLifecycleService
{
    protected override TimeSpan Interval => options.Value.LastUsedFlushInterval;

    protected override Task RunAsync(CancellationToken cancellationToken) => WriteAsync(cancellationToken);

    protected override void OnRunFailed(Exception exception) =>
        logger.LogWarning(exception, "Could not write lastUsedAt of keys; will retry");

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Writes what is pending; a failure is logged and the values stay pending for the next flush.</summary>
    internal Task FlushAsync(CancellationToken cancellationToken) => RunSafelyAsync(cancellationToken);

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        var pending = tracker.Snapshot();
        if (pending.Count == 0)
            return;
        await store.SetLastUsedAsync(pending, cancellationToken);
        tracker.Acknowledge(pending);
    }
}

using KsQuery.Modules.Keys.Configuration;
using KsQuery.Modules.Keys.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.LastUse;

/// <summary>Writes pending <c>lastUsedAt</c> values every few seconds and once more on shutdown.</summary>
internal sealed class LastUseFlusher(
    LastUseTracker tracker,
    IApiKeyStore store,
    IOptions<KeysOptions> options,
    TimeProvider time,
    ILogger<LastUseFlusher> logger) : BackgroundService
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

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

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

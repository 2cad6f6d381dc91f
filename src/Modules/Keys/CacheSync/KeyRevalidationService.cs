using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.CacheSync;

/// <summary>Runs <see cref="VerifiedKeyRevalidator"/> every <see cref="KeyCacheSyncOptions.Revalidation"/>: the bound on how
/// long an eviction another instance announced, and this one missed, can leave a stopped key working here.</summary>
internal sealed class KeyRevalidationService(VerifiedKeyRevalidator revalidator, IOptions<KeyCacheSyncOptions> options, TimeProvider time,
    ILogger<KeyRevalidationService> logger) : BackgroundService
{
    private PeriodicTimer? _timer;

    // The interval counts from the start itself (ExecuteAsync runs later, on a thread of its own).
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new PeriodicTimer(options.Value.Revalidation, time);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer!;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var evicted = await revalidator.RevalidateAsync(stoppingToken);
                    if (evicted > 0)
                        logger.LogInformation("Revalidation evicted {Count} verified keys changed in the store", evicted);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Checking the verified keys against the store failed; will retry at the next interval");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

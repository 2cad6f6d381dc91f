using KsQuery.Contracts.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.CacheSync;

/// <summary>Runs <see cref="VerifiedKeyRevalidator"/> every <see cref="KeyCacheSyncOptions.Revalidation"/>: the bound on how
/// long an eviction another instance announced, and this one missed, can leave a stopped key working here.</summary>
internal sealed class KeyRevalidationService(VerifiedKeyRevalidator revalidator, IOptions<KeyCacheSyncOptions> options, TimeProvider time,
    ILogger<KeyRevalidationService> logger) : PeriodicBackgroundService(time)
{
    protected override TimeSpan Interval => options.Value.Revalidation;

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var evicted = await revalidator.RevalidateAsync(cancellationToken);
        if (evicted > 0)
            logger.LogInformation("Revalidation evicted {Count} verified keys changed in the store", evicted);
    }

    protected override void OnRunFailed(Exception exception) =>
        logger.LogWarning(exception, "Checking the verified keys against the store failed; will retry at the next interval");
}

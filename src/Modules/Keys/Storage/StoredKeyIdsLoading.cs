using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KsQuery.Modules.Keys.Storage;

/// <summary>Reads the stored key ids into <see cref="LiteDbApiKeyStore"/> on a thread of its own while the host starts and
/// serves: with a million keys that takes seconds, and the first keyed call should not wait for it.</summary>
internal sealed class StoredKeyIdsLoading(LiteDbApiKeyStore store, ILogger<StoredKeyIdsLoading> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var count = store.LoadIds(stoppingToken);
            logger.LogInformation("Read {Count} stored key ids in {Elapsed}", count, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Unknown ids then keep costing a store read each; answers stay right.
            logger.LogWarning(ex, "Reading the stored key ids failed; unknown key ids are looked up in the store");
        }
        catch (OperationCanceledException)
        {
        }
    }, CancellationToken.None);
}

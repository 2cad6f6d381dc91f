using KsQuery.Modules.Keys.Authentication;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace KsQuery.Modules.Keys.CacheSync;

/// <summary>Holds one connection LISTENing on <see cref="PostgresKeyCacheBroadcast.Channel"/> and evicts each key another
/// instance announces. Notifications sent while the connection was down are lost: after every (re)connection the keys in
/// the cache are checked against the store (<see cref="VerifiedKeyRevalidator"/>), so nothing missed then outlives it.</summary>
internal sealed class KeyEvictionListener(
    NpgsqlDataSource dataSource,
    PostgresKeyCacheBroadcast broadcast,
    IVerifiedKeyCache cache,
    VerifiedKeyRevalidator revalidator,
    TimeProvider time,
    ILogger<KeyEvictionListener> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>Completes once the first LISTEN is in place: a start does not report ready before evictions can reach it.</summary>
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        await _listening.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reconnecting = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresKeyCacheBroadcast.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                _listening.TrySetResult();
                if (reconnecting)
                {
                    logger.LogInformation("Listening for key evictions again; checking the verified keys against the store");
                    await revalidator.RevalidateAsync(stoppingToken);
                }
                reconnecting = true;
                while (true)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The first failure surfaces to the start (the store is unreachable); later ones are retried.
                if (_listening.TrySetException(ex))
                    return;
                reconnecting = true;
                logger.LogWarning(ex, "Lost the PostgreSQL connection listening for key evictions; retrying in {Delay}", RetryAfter);
                try
                {
                    await Task.Delay(RetryAfter, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (broadcast.KeyIdFromElsewhere(e.Payload) is { } keyId)
            cache.Evict(keyId);
    }
}

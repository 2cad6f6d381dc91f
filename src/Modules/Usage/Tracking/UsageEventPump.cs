using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Aggregation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wolverine;

namespace KsQuery.Modules.Usage.Tracking;

/// <summary>Publishes the buffered usage events as one <see cref="KeyedCallsCompleted"/> every
/// <see cref="UsageOptions.PublishWindow"/> (at once when a dashboard read is waiting). A graceful stop ends the loop
/// first, before any hosted service stops (Wolverine included): a batch still gathering then is handled directly
/// (<see cref="UnpublishedCalls"/>: counted, and handed to the other modules), never published to a bus that is stopping,
/// and what is added later is handled directly at the end (here and by the flusher once everything has stopped), so
/// nothing answered is lost, neither its count nor its key's last use.</summary>
internal sealed class UsageEventPump(
    UsageEventBuffer buffer,
    UnpublishedCalls unpublished,
    IServiceScopeFactory scopes,
    IOptions<UsageOptions> options,
    TimeProvider time,
    ILogger<UsageEventPump> logger) : BackgroundService, IHostedLifecycleService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        while (!stoppingToken.IsCancellationRequested)
        {
            KeyedCallCompleted[] batch;
            try
            {
                batch = await buffer.TakeAsync(options.Value.PublishWindow, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            if (batch.Length == 0)
                continue;
            if (stoppingToken.IsCancellationRequested)
            {
                // The stop cut the publish window short: a message published now could reach a bus that no longer
                // handles it (the batch was lost that way), so it is handled here.
                unpublished.Handle(batch);
                return;
            }
            try
            {
                await bus.PublishAsync(new KeyedCallsCompleted(batch));
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Publishing {Count} usage events failed; handling them directly", batch.Length);
                unpublished.Handle(batch);
            }
        }
    }

    // Stopping runs before any hosted service's StopAsync: the loop ends while Wolverine still handles what it published.
    Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken) => base.StopAsync(cancellationToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        var rest = buffer.Drain();
        if (rest.Length > 0)
            unpublished.Handle(rest);
    }

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

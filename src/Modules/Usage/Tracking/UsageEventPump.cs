using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Aggregation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wolverine;

namespace KsQuery.Modules.Usage.Tracking;

/// <summary>Publishes the buffered usage events as one <see cref="KeyedCallsCompleted"/> every
/// <see cref="UsageOptions.PublishWindow"/> (at once when a dashboard read is waiting). At a graceful stop, after
/// Wolverine has stopped, what is left is counted directly so nothing answered is lost.</summary>
internal sealed class UsageEventPump(
    UsageEventBuffer buffer,
    UsageCounter counter,
    IServiceScopeFactory scopes,
    IOptions<UsageOptions> options,
    TimeProvider time,
    ILogger<UsageEventPump> logger) : BackgroundService
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
            try
            {
                await bus.PublishAsync(new KeyedCallsCompleted(batch));
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Publishing {Count} usage events failed; counting them directly", batch.Length);
                counter.Count(batch);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        var rest = buffer.Drain();
        if (rest.Length > 0)
            counter.Count(rest);
    }
}

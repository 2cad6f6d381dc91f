using Microsoft.Extensions.Hosting;

namespace KsQuery.Contracts.Hosting;

/// <summary>A hosted service that runs <see cref="RunAsync"/> at every <see cref="Interval"/> on the
/// <see cref="TimeProvider"/> (a test's fake clock drives it), counted from the start itself: the timer is made in
/// <see cref="StartAsync"/>, as <c>ExecuteAsync</c> runs later on a thread of its own. A run that fails goes to
/// <see cref="OnRunFailed"/> and the next tick tries again; the stop ends the loop quietly.</summary>
public abstract class PeriodicBackgroundService(TimeProvider time) : BackgroundService
{
    private PeriodicTimer? _timer;

    protected TimeProvider Time { get; } = time;

    protected abstract TimeSpan Interval { get; }

    /// <summary>One run of the work.</summary>
    protected abstract Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Reports a failed run (a cancellation by the stop is not a failure).</summary>
    protected abstract void OnRunFailed(Exception exception);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new PeriodicTimer(Interval, Time);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer!;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await RunSafelyAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One run whose failure is reported, never thrown (also for a last run at the stop).</summary>
    protected async Task RunSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            OnRunFailed(ex);
        }
    }
}

using KsQuery.Modules.Keys.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Audit;

/// <summary>Once a minute (on the <see cref="TimeProvider"/>'s timer): records the keys that ended on their own since the
/// last sweep (<see cref="KeyEndings"/>), then deletes the entries older than <c>Audit:RetentionDays</c>.</summary>
internal sealed class AuditMaintenance(IApiKeyStore keys, KeyEndings endings, IAuditStore store, IOptions<AuditOptions> options,
    TimeProvider time, ILogger<AuditMaintenance> logger) : IHostedService, IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    // Keys written just before a sweep may commit after it read: each sweep looks back this far again (AppendOnce
    // keeps an ending recorded once).
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(1);

    private readonly Lock _running = new();
    private ITimer? _timer;
    private DateTimeOffset _sweptUntil = DateTimeOffset.MinValue;
    private bool _stopped;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = time.CreateTimer(_ => Run(), null, Period, Period);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_running)
            _stopped = true;
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();

    /// <summary>One sweep and prune; never throws (a timer callback that throws would end the process).</summary>
    internal void Run()
    {
        lock (_running)
        {
            if (_stopped)
                return;
            try
            {
                var now = time.GetUtcNow();
                // The first sweep after a start looks back over the retention period only: an ending older than that would be
                // pruned at once (and recorded again at every start).
                var since = _sweptUntil == DateTimeOffset.MinValue ? now.AddDays(-options.Value.RetentionDays) : _sweptUntil - Overlap;
                // The store answers synchronously (LiteDB); a server database would make this a real wait.
                foreach (var key in keys.ListEndingBetweenAsync(since, now, CancellationToken.None).GetAwaiter().GetResult())
                    endings.RecordIfEnded(key);
                _sweptUntil = now;
                var pruned = store.Prune(now.AddDays(-options.Value.RetentionDays));
                if (pruned > 0)
                    logger.LogInformation("Deleted {Count} audit entries older than {Days} days", pruned, options.Value.RetentionDays);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The audit log's sweep of ended keys or its retention failed; the next run tries again");
            }
        }
    }
}

using System.Globalization;
using KsQuery.Modules.Usage.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KsQuery.Modules.Usage.Health;

/// <summary>The <c>usage</c> check of <c>/health</c>: unhealthy while usage writes fail because the store is unavailable
/// (counts are kept in memory meanwhile); healthy otherwise, with the number of records the store refused on their own
/// and that were dropped (<c>droppedRecords</c>, <c>lastDroppedAt</c>, <c>lastDropped</c>).</summary>
internal sealed class UsageHealthCheck(UsageWriteHealth writes) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = writes.Report();
        var data = new Dictionary<string, object>
        {
            ["droppedRecords"] = report.DroppedRecords.ToString(CultureInfo.InvariantCulture),
        };
        if (report.LastDroppedAt is { } droppedAt)
        {
            data["lastDroppedAt"] = droppedAt.ToString("O", CultureInfo.InvariantCulture);
            data["lastDropped"] = report.LastDropped ?? "";
        }
        if (report.FailingSince is { } since)
        {
            data["failingSince"] = since.ToString("O", CultureInfo.InvariantCulture);
            return Task.FromResult(HealthCheckResult.Unhealthy($"usage writes failing ({report.LastFailure}); counts are kept in memory", data: data));
        }
        return Task.FromResult(HealthCheckResult.Healthy(
            report.DroppedRecords == 0 ? "usage writes ok" : $"usage writes ok; {report.DroppedRecords} record(s) refused by the store were dropped", data));
    }
}

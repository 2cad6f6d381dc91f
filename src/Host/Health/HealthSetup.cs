using System.Text.Json;
using KsQuery.Modules.Chains;
using LiteDB;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KsQuery.Host.Health;

/// <summary><c>/health</c>: 200 when the store and every plugin are healthy, else 503, with a JSON detail per check.</summary>
internal static class HealthSetup
{
    public static IServiceCollection AddKsQueryHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store")
            .AddCheck<PluginsHealthCheck>("plugins");
        return services;
    }

    public static void MapKsQueryHealth(this WebApplication app) =>
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync })
            .WithTags("Health").WithSummary("Health of the store and every chain plugin");

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status == HealthStatus.Healthy ? "healthy" : "unhealthy");
            json.WriteStartArray("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteString("status", entry.Status == HealthStatus.Healthy ? "healthy" : "unhealthy");
                json.WriteString("detail", entry.Description);
                foreach (var (key, value) in entry.Data)
                    json.WriteString(key, value?.ToString());
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return context.Response.Body.WriteAsync(stream.ToArray()).AsTask();
    }
}

internal sealed class StoreHealthCheck(ILiteDatabase database) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            _ = database.GetCollectionNames().Count();
            return Task.FromResult(HealthCheckResult.Healthy("store open"));
        }
        catch (Exception)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("store unavailable"));
        }
    }
}

internal sealed class PluginsHealthCheck(IChainHealth chains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var reports = await chains.CheckAsync(cancellationToken);
        var data = reports.ToDictionary(r => r.Name, r => (object)(r.Healthy ? "healthy" : $"unhealthy: {r.Detail}"));
        var failing = reports.Where(r => !r.Healthy).Select(r => r.Name).ToList();
        return failing.Count == 0
            ? HealthCheckResult.Healthy($"{reports.Count} plugin(s) healthy", data)
            : HealthCheckResult.Unhealthy($"unhealthy: {string.Join(", ", failing)}", data: data);
    }
}

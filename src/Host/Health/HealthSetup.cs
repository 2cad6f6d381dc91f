using System.Text.Json;
using KsQuery.Modules.Chains;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KsQuery.Host.Health;

/// <summary><c>/health</c>: 200 when the store reads and writes, the key ring protects and unprotects, and every plugin is
/// healthy; else 503, with a JSON detail per check.</summary>
internal static class HealthSetup
{
    public static IServiceCollection AddKsQueryHealth(this IServiceCollection services)
    {
        services.AddSingleton<StoreProbe>();
        services.AddSingleton<KeyRingProbe>();
        // First of the hosted services: nothing else starts on a store or key ring that cannot be used.
        services.AddHostedService<StartupChecks>();
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store")
            .AddCheck<KeyRingHealthCheck>("keyring")
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

/// <summary>Healthy when the probe runs without throwing. The detail stays generic: nothing from an exception reaches a
/// client (the exception stays on the server).</summary>
internal abstract class ProbeHealthCheck(Action probe, string healthy, string unhealthy) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            probe();
            return Task.FromResult(HealthCheckResult.Healthy(healthy));
        }
        catch (Exception ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(unhealthy, ex));
        }
    }
}

/// <summary>The store answers a read and a write.</summary>
internal sealed class StoreHealthCheck(StoreProbe probe)
    : ProbeHealthCheck(probe.Run, "store readable and writable", "store unavailable");

/// <summary>The Data Protection key ring protects and unprotects: logins and recoverable keys work.</summary>
internal sealed class KeyRingHealthCheck(KeyRingProbe probe)
    : ProbeHealthCheck(probe.Run, "key ring usable", "key ring unusable");

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

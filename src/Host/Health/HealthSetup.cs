using System.Text.Json;
using KsQuery.Modules.Chains;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KsQuery.Host.Health;

/// <summary><c>/health</c>: 503 when the store, the key ring or a required plugin (<c>Plugins:Required</c>) is unhealthy,
/// else 200; the body has a JSON detail per check, every plugin named in the <c>plugins</c> check.</summary>
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
            // Degraded (a plugin that is not required fails) is still a service that serves: "healthy", 200.
            json.WriteString("status", report.Status == HealthStatus.Unhealthy ? "unhealthy" : "healthy");
            json.WriteStartArray("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteString("status", entry.Status switch
                {
                    HealthStatus.Healthy => "healthy",
                    HealthStatus.Degraded => "degraded",
                    _ => "unhealthy",
                });
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
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var report in reports)
        {
            // Two failures of one folder (an assembly serving several chains) keep both entries.
            var name = report.Name;
            for (var n = 2; data.ContainsKey(name); n++)
                name = $"{report.Name} ({n})";
            data[name] = report.Healthy ? "healthy" : $"unhealthy{(report.Required ? " (required)" : "")}: {report.Detail}";
        }
        var failing = reports.Where(r => !r.Healthy).ToList();
        if (failing.Count == 0)
            return HealthCheckResult.Healthy($"{reports.Count} plugin(s) healthy", data);
        var detail = $"unhealthy: {string.Join(", ", failing.Select(r => r.Name))}";
        // Only a plugin the operator marks required (Plugins:Required) makes the service unhealthy (503); a failing
        // drop-in plugin is reported while the rest serve.
        return failing.Any(r => r.Required)
            ? HealthCheckResult.Unhealthy(detail, data: data)
            : HealthCheckResult.Degraded(detail, data: data);
    }
}

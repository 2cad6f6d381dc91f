using System.Text.Json;
using KsQuery.Modules.Chains;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KsQuery.Host.Health;

/// <summary><c>/health</c>: 503 when the store, the key ring or a required plugin (<c>Plugins:Required</c>) is unhealthy,
/// else 200; the body has a JSON detail per check, every plugin named in the <c>plugins</c> check. <c>/health/live</c>: 200
/// while the process serves, no check run (a supervisor restarts a process that stops answering it).
/// <c>/health/ready</c>: the checks a call needs (store, key ring, required plugins) and whether the service is stopping;
/// 503 when one fails (a load balancer sends its calls elsewhere).</summary>
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
            .AddCheck<PluginsHealthCheck>("plugins")
            .AddCheck<ServingHealthCheck>(ServingCheck, tags: [ReadyOnly]);
        return services;
    }

    private const string ServingCheck = "serving";
    private const string ReadyOnly = "ready-only";
    private static readonly HashSet<string> ReadyChecks = new(StringComparer.Ordinal) { "store", "keyring", "plugins", ServingCheck };

    public static void MapKsQueryHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync, Predicate = c => !c.Tags.Contains(ReadyOnly) })
            .WithTags("Health").WithSummary("Health of the store and every chain plugin");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { ResponseWriter = WriteAsync, Predicate = _ => false })
            .WithTags("Health").WithSummary("The process serves");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = WriteAsync, Predicate = c => ReadyChecks.Contains(c.Name) })
            .WithTags("Health").WithSummary("Ready for calls: store, key ring, required plugins, not stopping");
    }

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

/// <summary>Unhealthy until the start has finished (the admin channel comes up after the listener, so calls are served
/// a moment before that) and from the moment the service is told to stop: while it finishes its calls, a load balancer
/// reading <c>/health/ready</c> sends new ones elsewhere.</summary>
internal sealed class ServingHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("stopping")
            : !lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Unhealthy("starting")
            : HealthCheckResult.Healthy("serving"));
}

/// <summary>The store answers a read and a write.</summary>
internal sealed class StoreHealthCheck(StoreProbe probe)
    : ProbeHealthCheck(probe.Run, "store readable and writable", "store unavailable");

/// <summary>The Data Protection key ring protects and unprotects: logins and recoverable keys work.</summary>
internal sealed class KeyRingHealthCheck(KeyRingProbe probe)
    : ProbeHealthCheck(probe.Run, "key ring usable", "key ring unusable");

/// <summary>One entry per plugin and one per network (<c>chain/network</c>): <c>healthy</c>, <c>coming-soon: why</c> or
/// <c>unhealthy: why</c>. Only a required plugin's failure makes the check unhealthy (503); any other failure, a network's
/// included, makes it degraded (200); a coming-soon network is no failure.</summary>
internal sealed class PluginsHealthCheck(IChainHealth chains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var reports = await chains.CheckAsync(cancellationToken);
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var report in reports)
        {
            // Two failures of one folder (an assembly serving several chains) keep both entries.
            var name = report.Key;
            for (var n = 2; data.ContainsKey(name); n++)
                name = $"{report.Key} ({n})";
            data[name] = report switch
            {
                { ComingSoon: true } => $"coming-soon: {report.Detail}",
                { Healthy: true } => "healthy",
                _ => $"unhealthy{(report.Required ? " (required)" : "")}: {report.Detail}",
            };
        }
        var failing = reports.Where(r => !r.Healthy && !r.ComingSoon).ToList();
        var pluginCount = reports.Count(r => r.Network is null);
        if (failing.Count == 0)
            return HealthCheckResult.Healthy($"{pluginCount} plugin(s) healthy", data);
        var detail = $"unhealthy: {string.Join(", ", failing.Select(r => r.Key))}";
        // Only a plugin the operator marks required (Plugins:Required) makes the service unhealthy (503); a failing
        // drop-in plugin or network is reported while the rest serve.
        return failing.Any(r => r.Required)
            ? HealthCheckResult.Unhealthy(detail, data: data)
            : HealthCheckResult.Degraded(detail, data: data);
    }
}

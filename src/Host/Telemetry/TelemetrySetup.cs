using KsQuery.Contracts.Http;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KsQuery.Host.Telemetry;

/// <summary>OpenTelemetry metrics and traces (docs/operations.md, Metrics): ASP.NET Core's and Kestrel's own instruments
/// plus KS Query's meters (<c>KsQuery.Keys</c>, <c>KsQuery.Usage</c>, <c>KsQuery.Chains</c>), scraped at <c>/metrics</c>
/// (Prometheus text) and pushed over OTLP when an endpoint is configured; traces (ASP.NET Core's request activity and a
/// span around each plugin call) only over OTLP. With <c>/metrics</c> off and no OTLP endpoint nothing listens to the
/// instruments and recording them costs next to nothing.</summary>
internal static class TelemetrySetup
{
    private static readonly string[] Meters = ["KsQuery.Keys", "KsQuery.Usage", "KsQuery.Chains"];
    private const string Traces = "KsQuery.Chains";

    // Requests, connections and unhandled exceptions; not the routing meter, whose match-attempts count on every request
    // tells nothing the request duration does not (docs/performance.md, "Metrics").
    private static readonly string[] AspNetCoreMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics"];

    public static MetricsSettings AddKsQueryTelemetry(this WebApplicationBuilder builder)
    {
        var metrics = MetricsSettings.Read(builder.Configuration);
        var otlp = OtlpEndpoint(builder.Configuration);
        builder.Services.AddSingleton(metrics);
        if (metrics.Enabled && metrics.Port is { } port)
            ListenAlsoOn(builder, port, metrics.AllowedNetworks.Count > 0);
        if (!metrics.Enabled && otlp is null)
            return metrics;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("ksquery", serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()));
        telemetry.WithMetrics(meters =>
        {
            meters.AddMeter(AspNetCoreMeters).AddMeter(Meters);
            if (metrics.Enabled)
                meters.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            if (otlp is not null)
                meters.AddOtlpExporter(o => Point(o, otlp, "v1/metrics"));
        });
        if (otlp is not null)
        {
            builder.Services.AddHostedService<TelemetryFlush>();
            telemetry.WithTracing(traces => traces
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                .AddSource(Traces)
                .AddOtlpExporter(o => Point(o, otlp, "v1/traces")));
        }
        return metrics;
    }

    /// <summary>Right after the HTTP conventions (security headers, exceptions as problems), before the keyed calls:
    /// a scrape the settings allow is answered there; on the metrics port nothing else is.</summary>
    public static WebApplication UseKsQueryMetrics(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<MetricsSettings>();
        if (!metrics.Enabled)
            return app;
        app.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider: null, predicate: metrics.Serves, path: null,
            configureBranchedPipeline: null, optionsName: null);
        if (metrics.Port is { } port)
        {
            app.Use((context, next) => context.Connection.LocalPort == port
                ? ApiProblems.WriteAsync(context, StatusCodes.Status404NotFound, "not_found", "Not found",
                    $"Only {MetricsSettings.Path} is served on port {port}.")
                : next(context));
        }
        return app;
    }

    // OTEL_EXPORTER_OTLP_ENDPOINT is the exporters' own variable; Telemetry:OtlpEndpoint says the same in the settings.
    private static Uri? OtlpEndpoint(IConfiguration configuration)
    {
        foreach (var key in new[] { "Telemetry:OtlpEndpoint", "OTEL_EXPORTER_OTLP_ENDPOINT" })
        {
            if (configuration[key] is not { Length: > 0 } text)
                continue;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                return uri;
            throw new Microsoft.Extensions.Options.OptionsValidationException(key, typeof(Uri),
                [$"{key} must be an absolute http or https address such as http://localhost:4317 (given: '{text}')."]);
        }
        return null;
    }

    // An endpoint set in code is taken as is: over http/protobuf it must name the signal's path, which the exporter adds
    // only to an endpoint it read from OTEL_EXPORTER_OTLP_ENDPOINT itself.
    private static void Point(OtlpExporterOptions options, Uri endpoint, string signalPath) =>
        options.Endpoint = options.Protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath)
            : endpoint;

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.Equals(MetricsSettings.Path, StringComparison.OrdinalIgnoreCase);

    // The metrics port is added to the addresses the service listens on (ASPNETCORE_URLS, default http://localhost:5000):
    // on loopback, or on every interface when networks beyond loopback may scrape. Kestrel endpoints configured under
    // Kestrel:Endpoints replace these addresses; there, add the metrics port as an endpoint of its own.
    private static void ListenAlsoOn(WebApplicationBuilder builder, int port, bool everyInterface)
    {
        var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
        var metricsUrl = everyInterface ? $"http://*:{port}" : $"http://localhost:{port}";
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey,
            $"{(string.IsNullOrWhiteSpace(urls) ? "http://localhost:5000" : urls)};{metricsUrl}");
    }
}

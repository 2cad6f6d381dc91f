using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Host.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Host.Tests.Telemetry;

/// <summary>With an OTLP endpoint (<c>Telemetry:OtlpEndpoint</c>) the service pushes its metrics and traces there over
/// OTLP/gRPC. The collector here is a real HTTP/2 server that accepts every export; the service's stop flushes what is
/// pending, so the test waits for no clock.</summary>
[Collection(MetricsCollection.Name)]
public sealed class OtlpExportTests : IAsyncDisposable
{
    private const string MetricsExport = "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export";
    private const string TraceExport = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

    private readonly TempDirectory _data = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _exports = new();
    private WebApplication? _collector;

    [Theory]
    [InlineData("grpc")]
    [InlineData("http/protobuf")]
    public async Task Metrics_and_traces_reach_an_otlp_collector(string protocol)
    {
        var grpc = protocol == "grpc";
        var endpoint = await StartCollectorAsync(grpc);
        var host = await TestHost.StartAsync(_data.Path, new Dictionary<string, string?>
        {
            ["Telemetry:OtlpEndpoint"] = endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol,
        });
        var api = new ApiClient(host);
        var token = await api.SignUpAndLogInAsync("otlp@example.com");
        await api.SelectAsync(token);
        var (_, key) = await api.CreateKeyAsync(token, "exported");
        (await api.GetAsync("/v1/kalp/testnet/network", apiKey: key)).Status.ShouldBe(HttpStatusCode.OK);

        await host.DisposeAsync(); // the stop exports what is pending

        var metrics = _exports.Where(e => e.Path == (grpc ? MetricsExport : "/v1/metrics")).Select(e => Encoding.UTF8.GetString(e.Body)).ToList();
        metrics.ShouldNotBeEmpty("no metrics export reached the collector; got: " + string.Join(", ", _exports.Select(e => e.Path)));
        metrics.ShouldContain(body => body.Contains("ksquery.keyed_calls") && body.Contains("network-info"));
        var traces = _exports.Where(e => e.Path == (grpc ? TraceExport : "/v1/traces")).Select(e => Encoding.UTF8.GetString(e.Body)).ToList();
        traces.ShouldNotBeEmpty("no trace export reached the collector");
        traces.ShouldContain(body => body.Contains("kalp network-info") && body.Contains("ksquery.api"), "the plugin call's span");
    }

    /// <summary>OTLP/gRPC needs HTTP/2 without TLS (prior knowledge), OTLP/HTTP takes HTTP/1.1: one or the other.</summary>
    private async Task<string> StartCollectorAsync(bool grpc)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, l => l.Protocols = grpc ? HttpProtocols.Http2 : HttpProtocols.Http1));
        _collector = builder.Build();
        _collector.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            _exports.Enqueue((context.Request.Path.Value!, body.ToArray()));
            if (grpc)
            {
                // An empty Export...ServiceResponse: one uncompressed gRPC frame of length 0, then grpc-status 0.
                context.Response.ContentType = "application/grpc";
                context.Response.AppendTrailer("grpc-status", "0");
                await context.Response.Body.WriteAsync(new byte[5]);
            }
            else
            {
                context.Response.ContentType = "application/x-protobuf"; // an empty Export...ServiceResponse
            }
        });
        await _collector.StartAsync();
        return _collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    public async ValueTask DisposeAsync()
    {
        if (_collector is not null)
            await _collector.DisposeAsync();
        _data.Dispose();
    }
}

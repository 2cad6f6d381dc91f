using System.Net;
using System.Net.Sockets;
using Host.Tests.Security.Faults;
using TempDirectory = Host.Tests.Support.TempDirectory;

namespace Host.Tests.Telemetry;

/// <summary><c>Metrics:Port</c> in the real process: Kestrel listens on that port too, serves <c>/metrics</c> there and
/// nothing else, and the service's own port no longer answers <c>/metrics</c>.</summary>
public sealed class MetricsPortProcessTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_metrics_port_serves_metrics_only_and_the_service_port_no_longer_does()
    {
        var port = FreePort();
        await using var service = await HostProcess.StartAsync(_data.Path, new Dictionary<string, string> { ["Metrics:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        service.Address.Port.ShouldNotBe(port, "the service's own address is logged first: " + service.Log);
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var scrape = await metrics.GetAsync("/metrics");
        scrape.StatusCode.ShouldBe(HttpStatusCode.OK, service.Log);
        (await scrape.Content.ReadAsStringAsync()).ShouldContain("# TYPE");
        (await metrics.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await metrics.GetAsync("/v1/chains")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await service.Http.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await service.Http.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    // A port free a moment ago; the service binds it right after (the system gives ports out in order, rarely again at once).
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net;
using Host.Tests.Support;
using KsQuery.Host.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Host.Tests.Health;

/// <summary><c>/health/live</c> answers 200 while the process serves, whatever its checks say; <c>/health/ready</c> answers
/// 503 when the store, the key ring or a required plugin cannot serve (or the service is stopping), else 200.</summary>
public sealed class LiveAndReadyTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_healthy_service_is_live_and_ready_and_ready_lists_its_checks()
    {
        await using var host = await TestHost.StartAsync(_data.Path);
        var api = new ApiClient(host);

        var (live, liveBody, _) = await api.GetAsync("/health/live");
        var (ready, readyBody, _) = await api.GetAsync("/health/ready");

        live.ShouldBe(HttpStatusCode.OK);
        liveBody.GetProperty("status").GetString().ShouldBe("healthy");
        ready.ShouldBe(HttpStatusCode.OK, readyBody.ToString());
        readyBody.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString())
            .ShouldBe(["store", "keyring", "plugins", "serving"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_failing_required_plugin_makes_the_service_live_but_not_ready()
    {
        await using var host = await TestHost.StartAsync(_data.Path, new Dictionary<string, string?> { ["Plugins:Required:0"] = "solana" });
        var api = new ApiClient(host);

        var (live, _, _) = await api.GetAsync("/health/live");
        var (ready, body, _) = await api.GetAsync("/health/ready");

        live.ShouldBe(HttpStatusCode.OK);
        ready.ShouldBe(HttpStatusCode.ServiceUnavailable);
        body.GetProperty("status").GetString().ShouldBe("unhealthy");
        body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "plugins")
            .GetProperty("status").GetString().ShouldBe("unhealthy");
    }

    [Fact]
    public async Task The_serving_check_is_healthy_only_between_the_end_of_the_start_and_the_stop()
    {
        var lifetime = new Lifetime();
        var check = new ServingHealthCheck(lifetime);

        var starting = await check.CheckHealthAsync(new HealthCheckContext());
        starting.Status.ShouldBe(HealthStatus.Unhealthy);
        starting.Description.ShouldBe("starting");
        await lifetime.Started.CancelAsync();
        (await check.CheckHealthAsync(new HealthCheckContext())).Status.ShouldBe(HealthStatus.Healthy);
        await lifetime.Stopping.CancelAsync();
        var stopping = await check.CheckHealthAsync(new HealthCheckContext());

        stopping.Status.ShouldBe(HealthStatus.Unhealthy);
        stopping.Description.ShouldBe("stopping");
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationTokenSource Stopping { get; } = new();
        public CancellationTokenSource Started { get; } = new();
        public CancellationToken ApplicationStarted => Started.Token;
        public CancellationToken ApplicationStopping => Stopping.Token;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() => Stopping.Cancel();
    }
}

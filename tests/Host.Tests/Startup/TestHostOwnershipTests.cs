using KsQuery.Host.Startup;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace Host.Tests.Startup;

/// <summary>Under a test host (WebApplicationFactory, Alba) the entry point hands over the started host and returns: the
/// factory stops and disposes it. An entry point that also waited for shutdown stopped and disposed the same host a
/// second time, beside the factory's own stop (OtlpExportTests saw the container disposed under a running stop,
/// AuditLogTests a LiteDB file still being closed after the test host's disposal had returned).</summary>
public sealed class TestHostOwnershipTests
{
    // WebApplicationFactory hands its settings to the entry point as arguments (--contentRoot=..., --environment=...):
    // taken for a JasperFx command line, they ran JasperFx's run command, which waited for shutdown and disposed the host
    // itself, so the factory's disposal returned while the store was still being closed.
    [Theory]
    [InlineData]
    [InlineData("--contentRoot=/tmp", "--environment=Development", "--applicationName=Host")]
    public async Task Under_a_test_host_the_entry_point_returns_once_the_host_has_started(params string[] args)
    {
        WebApplication? app = null;
        var entryPoint = StartupGuard.RunAsync(args, _ =>
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseTestServer();
            return app = builder.Build();
        });
        try
        {
            // Without the hand-over the entry point waits for a shutdown that only the test host would ask for.
            (await entryPoint.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe(0);
            app!.Lifetime.ApplicationStarted.IsCancellationRequested.ShouldBeTrue();
            app.Lifetime.ApplicationStopping.IsCancellationRequested.ShouldBeFalse();
        }
        finally
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
    }
}

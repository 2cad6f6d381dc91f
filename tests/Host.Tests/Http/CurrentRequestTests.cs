using Host.Tests.Support;
using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Host.Tests.Http;

/// <summary>The request's context reaches log scopes and audit entries through <see cref="CurrentRequest"/>, not through
/// ASP.NET Core's <see cref="IHttpContextAccessor"/>: while that is registered, Kestrel allocates a new
/// <see cref="HttpContext"/> (request, response, connection info, items) for every request instead of resetting the
/// connection's, about 40 % of a keyed call's allocations (docs/performance.md).</summary>
public sealed class CurrentRequestTests
{
    [Fact]
    public async Task The_host_registers_no_IHttpContextAccessor()
    {
        using var data = new TempDirectory();
        // Started without Alba, which adds an accessor of its own to the hosts it starts.
        JasperFx.CommandLine.JasperFxEnvironment.AutoStartHost = true;
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("KSQUERY_DATA", data.Path);
            builder.UseSetting("KSQUERY_PLUGINS", Path.Combine(data.Path, "no-plugins"));
            builder.UseSetting("Plugins:kalp:Blocks", "24");
        });
        factory.Services.GetService<IHttpContextAccessor>().ShouldBeNull("a registered accessor turns off the reuse of HttpContext");
    }

    [Fact]
    public async Task The_request_is_seen_while_it_runs_and_not_by_work_that_outlives_it()
    {
        var app = new ApplicationBuilder(new ServiceCollection().BuildServiceProvider());
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        HttpContext? during = null;
        Task<HttpContext?>? leftBehind = null;
        app.UseCurrentRequest();
        app.Run(context =>
        {
            during = CurrentRequest.Context;
            leftBehind = ReadAfterAsync(release.Task);
            return Task.CompletedTask;
        });
        var request = new DefaultHttpContext();

        await app.Build()(request);
        release.SetResult();

        during.ShouldBeSameAs(request);
        (await leftBehind!).ShouldBeNull("the server reuses the context for the connection's next request");
        CurrentRequest.Context.ShouldBeNull();
    }

    private static async Task<HttpContext?> ReadAfterAsync(Task released)
    {
        await released;
        return CurrentRequest.Context;
    }
}

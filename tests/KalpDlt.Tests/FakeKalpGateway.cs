using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KalpDlt.Tests;

/// <summary>What the fake gateway received.</summary>
internal sealed record GatewayRequest(string Method, string Path, string? ApiKey, string? ContentType, string Body)
{
    /// <summary>The last path segment: the contract function.</summary>
    public string Function => Path[(Path.LastIndexOf('/') + 1)..];
}

/// <summary>How the fake answers one request.</summary>
internal sealed record GatewayAnswer(int Status, string Body, string ContentType = "application/json", TimeSpan Delay = default)
{
    public static GatewayAnswer Value(string json) => new(200, $$$"""{"status":200,"message":"success","result":{"result":{{{json}}}}}""");

    public static GatewayAnswer Failure(int status, string message) =>
        new(status, $$"""{"status":{{status}},"message":{{System.Text.Json.JsonSerializer.Serialize(message)}}}""");
}

/// <summary>A Kestrel app on 127.0.0.1 with a free port that speaks the Kalp gateway's query format.</summary>
internal sealed class FakeKalpGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _count;

    private FakeKalpGateway(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public ConcurrentQueue<GatewayRequest> Requests { get; } = new();

    /// <summary>Requests received so far, including ones still being answered.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Chooses the answer from the request and its 1-based number.</summary>
    public Func<GatewayRequest, int, GatewayAnswer> Answer { get; set; } = (_, _) => GatewayAnswer.Value("\"ok\"");

    public static async Task<FakeKalpGateway> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakeKalpGateway? fake = null;
        app.Run(context => fake!.HandleAsync(context));
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake = new FakeKalpGateway(app, url);
        return fake;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _count);
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var request = new GatewayRequest(context.Request.Method, context.Request.Path.Value!,
            context.Request.Headers["x-api-key"].SingleOrDefault(), context.Request.ContentType, await reader.ReadToEndAsync());
        Requests.Enqueue(request);
        var answer = Answer(request, number);
        if (answer.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(answer.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        await context.Response.WriteAsync(answer.Body);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}

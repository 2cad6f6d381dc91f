using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Host.Tests.Contract;

/// <summary>While a recording is active (on the current async flow), every host <see cref="Support.TestHost"/> starts
/// records each answer it gives and the OpenAPI document it serves. Tests that run with no recording are unchanged:
/// <see cref="Current"/> is null and the test host adds nothing.</summary>
public sealed class ExchangeRecording : IDisposable
{
    private static readonly AsyncLocal<ExchangeRecording?> CurrentRecording = new();
    private readonly ConcurrentQueue<RecordedHost> _hosts = new();

    public static ExchangeRecording? Current => CurrentRecording.Value;

    /// <summary>Starts recording for the calling test (a synchronous call, so the caller's async flow keeps it).</summary>
    public static ExchangeRecording Start() => CurrentRecording.Value = new ExchangeRecording();

    public IReadOnlyList<RecordedHost> Hosts => [.. _hosts];

    /// <summary>Adds the recorder to a host about to be built; <see cref="RecordedHost.ReadDocumentAsync"/> must follow its start.</summary>
    public RecordedHost Attach(IWebHostBuilder builder)
    {
        var host = new RecordedHost();
        _hosts.Enqueue(host);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RecordingStartupFilter(host)));
        return host;
    }

    public void Dispose() => CurrentRecording.Value = null;

    /// <summary>Puts the recorder first in the pipeline, so it sees the final answer of every other middleware.</summary>
    private sealed class RecordingStartupFilter(RecordedHost host) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(host.RecordAsync);
            next(app);
        };
    }
}

/// <summary>What one host answered, and the document it served when it had started.</summary>
public sealed class RecordedHost
{
    private readonly ConcurrentQueue<RecordedExchange> _exchanges = new();
    private volatile bool _recording;

    /// <summary>The host's /openapi/v1.json, read before the test's first request.</summary>
    public string Document { get; private set; } = "";

    public IReadOnlyList<RecordedExchange> Exchanges => [.. _exchanges];

    /// <summary>Reads the document the host serves (not recorded itself), then records every later answer.</summary>
    public async Task ReadDocumentAsync(TestServer server)
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        Document = await response.Content.ReadAsStringAsync();
        _recording = true;
    }

    internal async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        if (!_recording)
        {
            await next(context);
            return;
        }

        var method = context.Request.Method;
        var path = context.Request.PathBase.Add(context.Request.Path).Value ?? "/";
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var buffered = context.Features.Get<IHttpResponseBodyFeature>()!;
        try
        {
            await next(context);
            // Completing the buffered body flushes what the app wrote to BodyWriter without flushing (the server would
            // have flushed it at the end of the request).
            await buffered.CompleteAsync();
        }
        finally
        {
            context.Response.Body = original;
        }
        // Starting the answer runs its OnStarting callbacks, so headers they add are recorded even for an empty body.
        if (!context.Response.HasStarted)
            await context.Response.StartAsync(context.RequestAborted);
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);

        var headers = context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _exchanges.Enqueue(new RecordedExchange(method, path, context.Response.StatusCode, context.Response.ContentType,
            Encoding.UTF8.GetString(buffer.ToArray()), headers));
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Evm.Tests;

/// <summary>A JSON-RPC node on loopback (a real Kestrel on port 0) that answers what a test told it, records every
/// request, and can be made to fail: an HTTP status, a JSON-RPC error, or no answer at all.</summary>
public sealed class FakeRpcUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<JsonElement, string>> _results = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Code, string Message, string? Data)> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _hanging = new(StringComparer.Ordinal);

    private FakeRpcUpstream(WebApplication app) => _app = app;

    /// <summary>Every request received: method, params (JSON) and the Authorization header.</summary>
    public ConcurrentQueue<(string Method, string Params, string? Authorization)> Requests { get; } = new();

    public string Url { get; private set; } = "";

    /// <summary>When set, every request answers this HTTP status with an empty body.</summary>
    public int? FailWithStatus { get; set; }

    public static async Task<FakeRpcUpstream> StartAsync(long chainId = 11155111)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeRpcUpstream(app);
        app.MapPost("/{**path}", fake.HandleAsync);
        await app.StartAsync();
        fake.Url = app.Urls.First() + "/";
        fake.Result("eth_chainId", Quantity(chainId));
        return fake;
    }

    public static string Quantity(long value) => "\"0x" + value.ToString("x") + "\"";

    /// <summary>Answers <paramref name="method"/> with this JSON result.</summary>
    public FakeRpcUpstream Result(string method, string json) => Result(method, _ => json);

    public FakeRpcUpstream Result(string method, Func<JsonElement, string> json)
    {
        _errors.TryRemove(method, out _);
        _results[method] = json;
        return this;
    }

    public FakeRpcUpstream Error(string method, long code, string message, string? data = null)
    {
        _errors[method] = (code, message, data);
        return this;
    }

    /// <summary>Never answers <paramref name="method"/> (until the client gives up).</summary>
    public FakeRpcUpstream Hang(string method)
    {
        _hanging[method] = true;
        return this;
    }

    /// <summary>The requests after the start-up chain-id check.</summary>
    public List<string> MethodsCalled() => [.. Requests.Select(r => r.Method).Where(m => m != "eth_chainId")];

    private async Task HandleAsync(HttpContext context)
    {
        using var document = await JsonDocument.ParseAsync(context.Request.Body);
        var root = document.RootElement;
        var method = root.GetProperty("method").GetString()!;
        var parameters = root.TryGetProperty("params", out var p) ? p.Clone() : default;
        Requests.Enqueue((method, parameters.ValueKind == JsonValueKind.Undefined ? "[]" : parameters.GetRawText(), context.Request.Headers.Authorization.ToString()));
        if (FailWithStatus is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }
        if (_hanging.ContainsKey(method))
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
            return;
        }
        var id = root.GetProperty("id").GetRawText();
        string body;
        if (_errors.TryGetValue(method, out var error))
        {
            var data = error.Data is null ? "" : ",\"data\":\"" + error.Data + "\"";
            body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":" + error.Code + ",\"message\":" + JsonSerializer.Serialize(error.Message) + data + "}}";
        }
        else if (_results.TryGetValue(method, out var result))
            body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result(parameters) + "}";
        else
            body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32601,\"message\":\"the method " + method + " does not exist/is not available\"}}";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A loopback URL where nothing listens (connection refused).</summary>
    public static string ClosedUrl()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/";
    }
}

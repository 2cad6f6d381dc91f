using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using KsQuery.Plugins.Abstractions;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace KsQuery.Plugins.Evm.Gateway;

/// <summary>A JSON-RPC 2.0 client of one upstream node over HttpClient. Every failure becomes an <see cref="RpcFailure"/>
/// carrying a client-safe <see cref="ApiError"/>; only the caller's own cancellation escapes as an exception.</summary>
internal sealed class RpcClient : IDisposable
{
    /// <summary>The largest answer read; a larger one (a wide eth_getLogs) is refused rather than buffered.</summary>
    public const int MaxResponseBytes = 16 * 1024 * 1024;

    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private readonly HttpClient _http;
    private readonly UpstreamSettings _upstream;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly RpcCircuit _circuit;
    private readonly Action<PluginLogLevel, string> _log;
    private readonly string[] _secrets;
    private readonly string _name;
    private long _nextId;

    public RpcClient(HttpClient http, UpstreamSettings upstream, TimeSpan timeout, PluginContext context, RpcCircuit circuit, string name)
    {
        _http = http;
        _upstream = upstream;
        _timeout = timeout;
        _time = context.Time;
        _circuit = circuit;
        _log = context.Log;
        _secrets = [.. upstream.Secrets];
        _name = name;
    }

    /// <summary>Calls <paramref name="method"/> with the parameters <paramref name="writeParams"/> writes inside the
    /// <c>params</c> array, and returns the answer's <c>result</c> (JSON null included).</summary>
    public async Task<JsonElement> CallAsync(string method, Action<Utf8JsonWriter> writeParams, CancellationToken cancellationToken)
    {
        var body = Request(method, writeParams);
        using var request = new HttpRequestMessage(HttpMethod.Post, _upstream.Url)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = JsonType } },
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach (var (name, value) in _upstream.Headers)
            request.Headers.TryAddWithoutValidation(name, value);

        var (status, content) = await SendAsync(request, method, cancellationToken);
        var success = status is >= 200 and <= 299;
        RpcAnswer? answer = null;
        try
        {
            answer = Parse(content, method);
        }
        catch (RpcFailure) when (!success)
        {
            // A failing status with a body that is not JSON-RPC (an HTML error page): the status says enough.
        }
        if (answer?.Error is { } error)
        {
            if (success)
                _circuit.Succeeded();
            throw new RpcFailure(ForRpcError(method, error));
        }
        if (!success)
        {
            _log(PluginLogLevel.Warning, $"{_name}: HTTP {status} to {method}.");
            _circuit.Failed($"HTTP {status} to {method}");
            throw new RpcFailure(RpcErrors.ForStatus(status, null));
        }
        if (answer?.Result is not { } result)
            throw new RpcFailure(RpcErrors.BadAnswer($"no result in the answer to {method}"));
        _circuit.Succeeded();
        return result;
    }

    /// <summary>Calls with positional string parameters (quantities, hashes, tags), the common case.</summary>
    public Task<JsonElement> CallAsync(string method, CancellationToken cancellationToken, params string[] parameters) =>
        CallAsync(method, writer =>
        {
            foreach (var parameter in parameters)
                writer.WriteStringValue(parameter);
        }, cancellationToken);

    private byte[] Request(string method, Action<Utf8JsonWriter> writeParams)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteNumber("id", Interlocked.Increment(ref _nextId));
            writer.WriteString("method", method);
            writer.WriteStartArray("params");
            writeParams(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private async Task<(int Status, byte[] Content)> SendAsync(HttpRequestMessage request, string method, CancellationToken cancellationToken)
    {
        // The pipeline bounds the call up to the headers on the plugin's clock; this bounds reading the body too.
        using var bound = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            return ((int)response.StatusCode, await ReadAsync(response, method, linked.Token));
        }
        catch (BrokenCircuitException)
        {
            throw new RpcFailure(RpcErrors.CircuitOpen(_circuit.OpenUntil is { } until ? until - _time.GetUtcNow() : null));
        }
        catch (TimeoutRejectedException)
        {
            throw Failed(method, "timed out", RpcErrors.Timeout(_timeout));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed(method, "timed out", RpcErrors.Timeout(_timeout));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or ObjectDisposedException)
        {
            throw Failed(method, $"failed ({ex.GetType().Name})", RpcErrors.Unreachable());
        }
    }

    private static async Task<byte[]> ReadAsync(HttpResponseMessage response, string method, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is > MaxResponseBytes)
            throw new RpcFailure(TooLarge(method));
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var read = await stream.ReadAsync(buffer.GetMemory(16 * 1024), cancellationToken);
            if (read == 0)
                return buffer.WrittenSpan.ToArray();
            buffer.Advance(read);
            if (buffer.WrittenCount > MaxResponseBytes)
                throw new RpcFailure(TooLarge(method));
        }
    }

    private static ApiError TooLarge(string method) =>
        RpcErrors.Error($"The upstream's answer to {method} is larger than {MaxResponseBytes / (1024 * 1024)} MiB; ask for less (a narrower block range, an address or topics).");

    private RpcFailure Failed(string method, string what, ApiError error)
    {
        _log(PluginLogLevel.Warning, $"{_name}: {method} {what}.");
        _circuit.Failed($"{method} {what}");
        return new RpcFailure(error);
    }

    private ApiError ForRpcError(string method, RpcError error)
    {
        var message = RpcErrors.Clean(error.Message, _secrets);
        var reverted = method is "eth_call" or "eth_estimateGas"
            && (error.Code == 3 || (error.Message?.Contains("revert", StringComparison.OrdinalIgnoreCase) ?? false));
        if (reverted)
            return RpcErrors.Reverted(RpcErrors.Clean(Encoding.RevertReason.Decode(error.Data), _secrets) ?? RevertText(message));
        return RpcErrors.Error(message is null
            ? $"The upstream node answered {method} with JSON-RPC error {error.Code}."
            : $"The upstream node answered {method} with JSON-RPC error {error.Code}: {message}");
    }

    /// <summary>"execution reverted: reason" -> "reason"; null when the message names no reason.</summary>
    private static string? RevertText(string? message)
    {
        if (message is null)
            return null;
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        var reason = colon >= 0 ? message[(colon + 1)..].Trim() : "";
        return reason.Length > 0 ? reason : null;
    }

    private static RpcAnswer Parse(byte[] content, string method)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new RpcFailure(RpcErrors.BadAnswer($"the answer to {method} is not a JSON-RPC object"));
            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out var n) ? n : 0;
                var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                var data = error.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                return new RpcAnswer(null, new RpcError(code, message, data));
            }
            return new RpcAnswer(root.TryGetProperty("result", out var result) ? result.Clone() : null, null);
        }
        catch (JsonException)
        {
            throw new RpcFailure(RpcErrors.BadAnswer($"the answer to {method} is not JSON"));
        }
    }

    public void Dispose() => _http.Dispose();

    private sealed record RpcAnswer(JsonElement? Result, RpcError? Error);

    private sealed record RpcError(long Code, string? Message, string? Data);
}

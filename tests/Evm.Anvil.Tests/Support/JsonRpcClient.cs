using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Evm.Anvil.Tests.Support;

/// <summary>Asks the node itself, the reference every KS Query answer is compared with.</summary>
public sealed class JsonRpcClient(Uri url) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
    private int _id;

    /// <summary>The <c>result</c> of a call (JSON null included); a JSON-RPC error throws <see cref="JsonRpcException"/>.</summary>
    public async Task<JsonElement> CallAsync(string method, JsonArray parameters, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = Interlocked.Increment(ref _id),
            ["method"] = method,
            ["params"] = parameters,
        };
        using var response = await _http.PostAsync("", new StringContent(request.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (body.TryGetProperty("error", out var error))
            throw new JsonRpcException(method, error.GetProperty("code").GetInt32(), error.GetProperty("message").GetString() ?? "");
        return body.GetProperty("result").Clone();
    }

    public void Dispose() => _http.Dispose();
}

public sealed class JsonRpcException(string method, int code, string message)
    : Exception($"{method} answered JSON-RPC error {code}: {message}")
{
    public int Code { get; } = code;
    public string RpcMessage { get; } = message;
}

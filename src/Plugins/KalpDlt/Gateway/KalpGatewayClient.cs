using System.Net.Http.Headers;
using System.Text.Json;
using KsQuery.Plugins.Abstractions;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace KsQuery.Plugins.KalpDlt.Gateway;

/// <summary>Evaluates contract functions through the Kalp API gateway. Every failure becomes a <see cref="GatewayFailure"/>
/// carrying a client-safe <see cref="ApiError"/>; only the caller's own cancellation escapes as an exception.</summary>
internal sealed class KalpGatewayClient(HttpClient http, GatewaySettings settings, Action<PluginLogLevel, string> log) : IDisposable
{
    private const string Blockchain = "KALP";
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly string _queryBase = settings.BaseUrl.AbsoluteUri.TrimEnd('/') + "/v1/contract/kalp/query/";

    /// <summary>The value at <c>result.result</c> of the gateway's answer. <paramref name="blame"/> names the client's
    /// parameter a 400 from the gateway is reported against.</summary>
    public async Task<JsonElement> EvaluateAsync(string contractId, string function, string walletAddress, JsonElement args,
        string blame, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new GatewayQueryRequest(settings.GatewayNetwork, Blockchain, walletAddress, args),
            GatewayJsonContext.Default.GatewayQueryRequest);
        using var request = new HttpRequestMessage(HttpMethod.Post,
            new Uri(_queryBase + Uri.EscapeDataString(contractId) + "/" + Uri.EscapeDataString(function)))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = Json } },
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("x-api-key", settings.ApiKey);

        var (status, content) = await SendAsync(request, function, contractId, cancellationToken);
        if (status is < 200 or > 299)
        {
            log(PluginLogLevel.Warning, $"Kalp gateway answered HTTP {status} to {function} on {contractId}.");
            throw new GatewayFailure(GatewayErrors.ForStatus(status, blame, contractId, function, Message(content), settings.ApiKey));
        }
        return Result(content, function);
    }

    private async Task<(int Status, byte[] Content)> SendAsync(HttpRequestMessage request, string function, string contractId,
        CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(cancellationToken));
        }
        catch (BrokenCircuitException)
        {
            throw new GatewayFailure(GatewayErrors.CircuitOpen());
        }
        catch (TimeoutRejectedException)
        {
            Log(function, contractId, "timed out");
            throw new GatewayFailure(GatewayErrors.Timeout(settings.Timeout));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout, the real-clock bound around the pipeline.
            Log(function, contractId, "timed out");
            throw new GatewayFailure(GatewayErrors.Timeout(settings.Timeout));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or ObjectDisposedException)
        {
            Log(function, contractId, $"failed ({ex.GetType().Name})");
            throw new GatewayFailure(GatewayErrors.Unreachable());
        }
    }

    private void Log(string function, string contractId, string what) =>
        log(PluginLogLevel.Warning, $"Kalp gateway call {function} on {contractId} {what}.");

    private static JsonElement Result(byte[] content, string function)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("result", out var outer) && outer.ValueKind == JsonValueKind.Object
                && outer.TryGetProperty("result", out var value))
            {
                return value.Clone();
            }
            throw new GatewayFailure(GatewayErrors.BadAnswer($"no result.result in the answer to {function}"));
        }
        catch (JsonException)
        {
            throw new GatewayFailure(GatewayErrors.BadAnswer($"the answer to {function} is not JSON"));
        }
    }

    /// <summary>The failure's <c>message</c>, when the body is a JSON object carrying one.</summary>
    private static string? Message(byte[] content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                    ? message.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => http.Dispose();
}

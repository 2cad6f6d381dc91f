using System.Text;
using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt.Catalog;

namespace KsQuery.Plugins.KalpDlt.Gateway;

/// <summary>The errors a gateway call can end in. Details are fixed text plus ids the client sent; the only upstream
/// text ever passed on is the <c>message</c> of a 400/404/422, cleaned by <see cref="Clean"/>.</summary>
internal static class GatewayErrors
{
    private const int MaxMessageLength = 200;

    public static ApiError Timeout(TimeSpan timeout) =>
        ApiError.Upstream($"The Kalp gateway did not answer within {timeout.TotalSeconds:0.###} s.");

    public static ApiError Unreachable() => ApiError.Upstream("The Kalp gateway could not be reached.");

    public static ApiError CircuitOpen() =>
        ApiError.Upstream("The Kalp gateway is failing; calls are paused for a while before it is tried again.", unavailable: true);

    public static ApiError BadAnswer(string what) => ApiError.Upstream($"The Kalp gateway sent an answer that could not be read: {what}.");

    public static ApiError NotSupported(string apiId) => ApiError.NotSupported(KalpErrorCodes.NotSupportedBySource,
        $"This network is configured to use the Kalp gateway, which cannot serve '{apiId}'; only contract-query, token and balance are available.");

    /// <summary>A non-success status from the gateway (after retries).</summary>
    public static ApiError ForStatus(int status, string field, string contractId, string function, string? message, string apiKey) =>
        status switch
        {
            400 or 422 => new ApiError(400, KalpErrorCodes.ValidationFailed, "Validation failed",
                Rejected(contractId, function, message, apiKey),
                new Dictionary<string, string[]> { [field] = [Rejected(contractId, function, message, apiKey)] }),
            404 => ApiError.NotFound(KalpErrorCodes.ContractNotFound,
                $"The Kalp gateway knows no contract {contractId} with a function {function}{Suffix(message, apiKey)}"),
            401 or 403 => ApiError.Upstream("The Kalp gateway refused this server's credentials."),
            429 => ApiError.Upstream("The Kalp gateway is rate limiting this server."),
            >= 500 => ApiError.Upstream($"The Kalp gateway failed (HTTP {status})."),
            _ => ApiError.Upstream($"The Kalp gateway answered HTTP {status}."),
        };

    private static string Rejected(string contractId, string function, string? message, string apiKey) =>
        $"The Kalp gateway rejected {function} on {contractId}{Suffix(message, apiKey)}";

    private static string Suffix(string? message, string apiKey) => Clean(message, apiKey) is { } text ? $": {text}" : ".";

    /// <summary>Printable characters only, at most 200 of them, with the upstream key redacted wherever it appears
    /// (before truncating, so no part of it can survive a cut).</summary>
    public static string? Clean(string? message, string apiKey)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }
        var text = message.Replace(apiKey, "***", StringComparison.OrdinalIgnoreCase);
        var builder = new StringBuilder(Math.Min(text.Length, MaxMessageLength + 1));
        foreach (var c in text)
        {
            if (builder.Length > MaxMessageLength)
            {
                break;
            }
            builder.Append(char.IsControl(c) ? ' ' : c);
        }
        var cleaned = builder.ToString().Trim();
        if (cleaned.Length > MaxMessageLength)
        {
            // Never between the halves of a surrogate pair: half a pair is not text and breaks the JSON answer.
            var end = char.IsHighSurrogate(cleaned[MaxMessageLength - 1]) ? MaxMessageLength - 1 : MaxMessageLength;
            cleaned = cleaned[..end] + "…";
        }
        return cleaned.Length == 0 ? null : cleaned;
    }
}

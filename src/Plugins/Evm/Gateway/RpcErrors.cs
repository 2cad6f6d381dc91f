using System.Globalization;
using System.Text;
using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.Evm.Catalog;

namespace KsQuery.Plugins.Evm.Gateway;

/// <summary>The errors an upstream call can end in. Details are fixed text; the only upstream text passed on is a
/// JSON-RPC error's message (and a revert reason), cleaned by <see cref="Clean"/>.</summary>
internal static class RpcErrors
{
    private const int MaxMessageLength = 200;

    public static ApiError Unavailable(string detail, TimeSpan? retryAfter = null) =>
        new(503, EvmErrorCodes.UpstreamUnavailable, "Upstream unavailable", detail) { RetryAfter = retryAfter };

    public static ApiError Timeout(TimeSpan timeout) =>
        Unavailable(string.Create(CultureInfo.InvariantCulture, $"The upstream node did not answer within {timeout.TotalSeconds:0.###} s."));

    public static ApiError Unreachable() => Unavailable("The upstream node could not be reached.");

    public static ApiError CircuitOpen(TimeSpan? retryAfter) =>
        Unavailable("The upstream node is failing; calls are paused for a while before it is tried again.", retryAfter ?? TimeSpan.FromSeconds(1));

    public static ApiError Error(string detail) => new(502, EvmErrorCodes.UpstreamError, "Upstream error", detail);

    public static ApiError BadAnswer(string what) => Error($"The upstream node sent an answer that could not be read: {what}.");

    public static ApiError Reverted(string? reason) =>
        new(400, EvmErrorCodes.ExecutionReverted, "Execution reverted",
            reason is null ? "The call reverted." : $"The call reverted: {reason}");

    /// <summary>A non-success HTTP status from the upstream (after retries).</summary>
    public static ApiError ForStatus(int status, string? message) => status switch
    {
        401 or 403 => Error(string.Create(CultureInfo.InvariantCulture, $"The upstream node refused this server's credentials (HTTP {status}).")),
        408 or 429 or >= 500 => Unavailable(string.Create(CultureInfo.InvariantCulture, $"The upstream node failed or is rate limiting this server (HTTP {status}).")),
        _ => Error(string.Create(CultureInfo.InvariantCulture, $"The upstream node answered HTTP {status}") + (message is null ? "." : $": {message}")),
    };

    /// <summary>Printable characters only, at most 200 of them, with every secret (a provider key in a header or in the
    /// URL) redacted wherever it appears, before truncating so no part of one survives a cut.</summary>
    public static string? Clean(string? message, IEnumerable<string> secrets)
    {
        if (string.IsNullOrWhiteSpace(message))
            return null;
        var text = message;
        foreach (var secret in secrets)
            text = text.Replace(secret, "***", StringComparison.OrdinalIgnoreCase);
        var builder = new StringBuilder(Math.Min(text.Length, MaxMessageLength + 1));
        foreach (var c in text)
        {
            if (builder.Length > MaxMessageLength)
                break;
            builder.Append(char.IsControl(c) ? ' ' : c);
        }
        var cleaned = builder.ToString().Trim();
        if (cleaned.Length > MaxMessageLength)
        {
            var end = char.IsHighSurrogate(cleaned[MaxMessageLength - 1]) ? MaxMessageLength - 1 : MaxMessageLength;
            cleaned = cleaned[..end] + "…";
        }
        return cleaned.Length == 0 ? null : cleaned;
    }
}

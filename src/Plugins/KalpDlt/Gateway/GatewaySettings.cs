using System.Globalization;
using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt.Apis;
using KsQuery.Plugins.KalpDlt.Ledger;

namespace KsQuery.Plugins.KalpDlt.Gateway;

/// <summary>Settings of the Kalp gateway source. Like the ledger settings, each key is read as
/// <c>Networks:testnet:&lt;Key&gt;</c> first, then as the plain key.</summary>
internal sealed record GatewaySettings(
    Uri BaseUrl,
    string ApiKey,
    string GatewayNetwork,
    string? WalletAddress,
    TimeSpan Timeout,
    TimeSpan AttemptTimeout,
    int RetryCount,
    TimeSpan RetryDelay,
    double FailureRatio,
    int MinimumThroughput,
    TimeSpan SamplingDuration,
    TimeSpan BreakDuration)
{
    public const string GatewayUrlKey = "GatewayUrl";
    public const string GatewayApiKeyKey = "GatewayApiKey";

    /// <summary>Null when neither the URL nor the key is set (the local ledger serves); throws
    /// <see cref="PluginSettingsException"/> when only one is, or when a value is out of range, so that a half-configured gateway never silently falls back to local data.</summary>
    public static GatewaySettings? From(PluginContext context)
    {
        var url = Text(context, GatewayUrlKey);
        var apiKey = Text(context, GatewayApiKeyKey);
        if (url is null && apiKey is null)
        {
            return null;
        }
        if (url is null || apiKey is null)
        {
            throw new PluginSettingsException(url is null ? GatewayUrlKey : GatewayApiKeyKey,
                $"is missing: the Kalp gateway needs both '{GatewayUrlKey}' and '{GatewayApiKeyKey}', and only one is set.");
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https")
            || baseUrl.UserInfo.Length > 0 || baseUrl.Query.Length > 0 || baseUrl.Fragment.Length > 0)
        {
            // The value is not echoed: a mistyped setting might hold the key.
            throw new PluginSettingsException(Used(context, GatewayUrlKey), "must be an absolute http(s) URL without credentials, query or fragment.");
        }
        var wallet = Text(context, "WalletAddress");
        if (wallet is not null && !Patterns.IsHex(wallet, 40))
        {
            throw new PluginSettingsException(Used(context, "WalletAddress"), "must be 40 hex characters without a 0x prefix.");
        }
        var timeout = Seconds(context, "TimeoutSeconds", 10, 0.05, 300);
        return new GatewaySettings(
            baseUrl,
            apiKey,
            Text(context, "GatewayNetwork") ?? "TESTNET",
            wallet?.ToLowerInvariant(),
            timeout,
            Seconds(context, "AttemptTimeoutSeconds", timeout.TotalSeconds, 0.05, 300),
            Integer(context, "RetryCount", 2, 0, 10),
            TimeSpan.FromMilliseconds(Number(context, "RetryDelayMilliseconds", 200, 0, 60_000)),
            Number(context, "CircuitBreakerFailureRatio", 0.5, 0.01, 1),
            Integer(context, "CircuitBreakerMinimumThroughput", 10, 2, 10_000),
            Seconds(context, "CircuitBreakerSamplingSeconds", 30, 0.5, 86_400),
            Seconds(context, "CircuitBreakerBreakSeconds", 30, 0.5, 86_400));
    }

    private static string? Text(PluginContext context, string key) =>
        context.Setting(NetworkKey(key)) ?? context.Setting(key);

    /// <summary>The key a value was read from, for messages: the per-network one when it is set.</summary>
    private static string Used(PluginContext context, string key) => context.Setting(NetworkKey(key)) is null ? key : NetworkKey(key);

    private static string NetworkKey(string key) => $"Networks:{KalpNetwork.NetworkId}:{key}";

    private static TimeSpan Seconds(PluginContext context, string key, double fallback, double min, double max) =>
        TimeSpan.FromSeconds(Number(context, key, fallback, min, max));

    private static int Integer(PluginContext context, string key, int fallback, int min, int max)
    {
        var value = Number(context, key, fallback, min, max);
        return value == Math.Floor(value)
            ? (int)value
            : throw new PluginSettingsException(Used(context, key), $"must be a whole number from {min} to {max}; got {value}.");
    }

    private static double Number(PluginContext context, string key, double fallback, double min, double max)
    {
        if (Text(context, key) is not { } text)
        {
            return fallback;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value >= min && value <= max))
        {
            throw new PluginSettingsException(Used(context, key), $"must be a number from {min} to {max}; got '{text}'.");
        }
        return value;
    }
}

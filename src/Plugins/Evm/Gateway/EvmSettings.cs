using System.Globalization;
using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.Evm.Catalog;

namespace KsQuery.Plugins.Evm.Gateway;

/// <summary>The settings of one chain (keys relative to <c>Plugins:&lt;chain&gt;:</c>): an upstream per network, and the
/// timeout, retry and circuit-breaker values shared by its networks.</summary>
internal sealed record EvmSettings(
    IReadOnlyDictionary<string, UpstreamSettings> Upstreams,
    TimeSpan Timeout,
    int MaxLogBlockRange,
    int RetryCount,
    TimeSpan RetryDelay,
    double FailureRatio,
    int MinimumThroughput,
    TimeSpan SamplingDuration,
    TimeSpan BreakDuration)
{
    public static string RpcUrlKey(string networkId) => $"Networks:{networkId}:RpcUrl";

    /// <summary>Reads and checks every setting; throws <see cref="PluginSettingsException"/> naming the key otherwise.</summary>
    public static EvmSettings From(PluginContext context, EvmChain chain)
    {
        var upstreams = new Dictionary<string, UpstreamSettings>(StringComparer.OrdinalIgnoreCase);
        foreach (var network in chain.Networks)
        {
            if (context.Setting(RpcUrlKey(network.Id)) is not { } url)
                continue;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
            {
                // The value is not echoed: provider URLs often carry the provider key in their path.
                throw new PluginSettingsException(RpcUrlKey(network.Id), "must be an absolute http(s) URL without user info or fragment.");
            }
            upstreams[network.Id] = new UpstreamSettings(network, uri, Headers(context, network.Id));
        }
        var timeout = Seconds(context, "TimeoutSeconds", 10, 0.05, 300);
        return new EvmSettings(
            upstreams,
            timeout,
            Integer(context, "MaxLogBlockRange", EvmCatalog.DefaultMaxLogBlockRange, 1, EvmCatalog.MaxLogBlockRangeLimit),
            Integer(context, "RetryCount", 2, 0, 10),
            TimeSpan.FromMilliseconds(Number(context, "RetryDelayMilliseconds", 200, 0, 60_000)),
            Number(context, "CircuitBreakerFailureRatio", 0.5, 0.01, 1),
            Integer(context, "CircuitBreakerMinimumThroughput", 10, 2, 10_000),
            Seconds(context, "CircuitBreakerSamplingSeconds", 30, 0.5, 86_400),
            Seconds(context, "CircuitBreakerBreakSeconds", 30, 0.5, 86_400));
    }

    private static Dictionary<string, string> Headers(PluginContext context, string networkId)
    {
        var prefix = $"Networks:{networkId}:Headers:";
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in context.Settings)
        {
            if (!key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(value))
                continue;
            var name = key[prefix.Length..];
            if (name.Length == 0 || name.Contains(':') || !name.All(IsTokenChar) || name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Host", StringComparison.OrdinalIgnoreCase))
                throw new PluginSettingsException(key, "must name an HTTP request header (letters, digits and -), not Host or Content-*.");
            if (value.Any(c => c is '\r' or '\n' or '\0'))
                throw new PluginSettingsException(key, "must be one line.");
            headers[name] = value;
        }
        return headers;
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';

    private static TimeSpan Seconds(PluginContext context, string key, double fallback, double min, double max) =>
        TimeSpan.FromSeconds(Number(context, key, fallback, min, max));

    private static int Integer(PluginContext context, string key, int fallback, int min, int max)
    {
        var value = Number(context, key, fallback, min, max);
        return value == Math.Floor(value)
            ? (int)value
            : throw new PluginSettingsException(key, $"must be a whole number from {min} to {max}; got {value.ToString(CultureInfo.InvariantCulture)}.");
    }

    private static double Number(PluginContext context, string key, double fallback, double min, double max)
    {
        if (context.Setting(key) is not { } text)
            return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value >= min && value <= max))
            throw new PluginSettingsException(key, string.Create(CultureInfo.InvariantCulture, $"must be a number from {min} to {max}; got '{text}'."));
        return value;
    }
}

/// <summary>The upstream JSON-RPC node of one network.</summary>
internal sealed record UpstreamSettings(EvmNetwork Network, Uri Url, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>Texts an upstream message must never carry to a client or the log: the URL's path and query (a provider
    /// key often lives there) and the header values.</summary>
    public IEnumerable<string> Secrets =>
        Headers.Values.Append(Url.PathAndQuery.Trim('/')).Where(s => s.Length >= 6);
}

namespace KsQuery.Plugins.Abstractions;

/// <summary>What the host hands a plugin when it starts.</summary>
/// <param name="DataDirectory">A directory that belongs to this plugin alone (created by the host).</param>
/// <param name="Settings">The plugin's configuration section, flattened: keys such as
/// <c>Networks:testnet:GatewayUrl</c>, compared case-insensitively. Empty when nothing is configured.</param>
/// <param name="Time">The clock to use; tests replace it.</param>
/// <param name="Log">Writes one line to the host's log under the plugin's name.</param>
public sealed record PluginContext(
    string DataDirectory,
    IReadOnlyDictionary<string, string?> Settings,
    TimeProvider Time,
    Action<PluginLogLevel, string> Log)
{
    /// <summary>A setting's value, or <paramref name="fallback"/> when it is absent or empty.</summary>
    public string? Setting(string key, string? fallback = null) =>
        Settings.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : fallback;
}

/// <summary>Severity of a plugin log line.</summary>
public enum PluginLogLevel
{
    /// <summary>Detail useful when diagnosing.</summary>
    Debug,
    /// <summary>Normal operation.</summary>
    Information,
    /// <summary>Something unexpected that the plugin recovered from.</summary>
    Warning,
    /// <summary>A failure.</summary>
    Error,
}

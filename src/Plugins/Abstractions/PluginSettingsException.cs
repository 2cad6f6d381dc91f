namespace KsQuery.Plugins.Abstractions;

/// <summary>Thrown by <see cref="IChainPlugin.StartAsync"/> when one of the plugin's settings is malformed or out of
/// range. The host reports it naming the full key (<c>Plugins:&lt;chain id&gt;:&lt;Key&gt;</c>): a drop-in plugin is
/// then marked unhealthy while the rest serve; a plugin built into the host stops the start like any other setting.</summary>
public sealed class PluginSettingsException : Exception
{
    /// <summary>A setting of the plugin is wrong.</summary>
    /// <param name="key">The key as the plugin reads it from <see cref="PluginContext.Settings"/>, e.g. <c>Networks:testnet:Url</c>.</param>
    /// <param name="problem">What is wrong and what is accepted, e.g. <c>must be an integer from 1 to 100; got '0'.</c></param>
    public PluginSettingsException(string key, string problem)
        : base($"{key} {problem}")
    {
        Key = key;
        Problem = problem;
    }

    /// <summary>The key as the plugin reads it, or, once reported by the host, the full configuration key.</summary>
    public string Key { get; }

    /// <summary>What is wrong with the value and what is accepted.</summary>
    public string Problem { get; }
}

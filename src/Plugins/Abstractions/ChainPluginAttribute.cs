namespace KsQuery.Plugins.Abstractions;

/// <summary>Marks a type in a plugin assembly that implements <see cref="IChainPlugin"/>: one attribute per chain, so one
/// assembly may serve several chains (an EVM plugin: Ethereum and BNB Smart Chain). The host creates each with its
/// public parameterless constructor; one that fails does not stop the others.</summary>
/// <example><code>[assembly: ChainPlugin(typeof(MyChainPlugin))]</code></example>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class ChainPluginAttribute(Type pluginType) : Attribute
{
    /// <summary>The type implementing <see cref="IChainPlugin"/>.</summary>
    public Type PluginType { get; } = pluginType;
}

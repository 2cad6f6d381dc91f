namespace KsQuery.Plugins.Abstractions;

/// <summary>Marks the one type in a plugin assembly that implements <see cref="IChainPlugin"/>.
/// The host creates it with its public parameterless constructor.</summary>
/// <example><code>[assembly: ChainPlugin(typeof(MyChainPlugin))]</code></example>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class ChainPluginAttribute(Type pluginType) : Attribute
{
    /// <summary>The type implementing <see cref="IChainPlugin"/>.</summary>
    public Type PluginType { get; } = pluginType;
}

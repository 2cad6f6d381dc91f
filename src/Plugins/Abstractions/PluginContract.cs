namespace KsQuery.Plugins.Abstractions;

/// <summary>The version of this contract. A plugin declares the version it was built against;
/// the host loads only plugins whose <see cref="ChainDescriptor.ContractVersion"/> equals <see cref="Version"/>.</summary>
public static class PluginContract
{
    /// <summary>The contract version this Abstractions assembly defines.</summary>
    public const int Version = 1;
}

namespace KsQuery.Plugins.Abstractions;

/// <summary>The version of this contract, <c>Major.Minor</c>. A plugin declares the version it was built against in
/// its <see cref="ChainDescriptor"/> (<see cref="ChainDescriptor.ContractVersion"/> = <see cref="Version"/>, the major,
/// and <see cref="ChainDescriptor.ContractMinorVersion"/> = <see cref="MinorVersion"/>). The host loads a plugin built for
/// the same major version and a minor version up to its own (additions only), and refuses any other, naming both.</summary>
public static class PluginContract
{
    /// <summary>The major version: it changes when a change breaks plugins built for an earlier one.</summary>
    public const int Version = 1;

    /// <summary>The minor version: it grows when members are added that older plugins need not know.</summary>
    public const int MinorVersion = 2;

    /// <summary>Whether a host of contract <c>hostMajor.hostMinor</c> can load a plugin built for
    /// <c>pluginMajor.pluginMinor</c>: same major, and the host's minor at least the plugin's.</summary>
    public static bool IsCompatible(int hostMajor, int hostMinor, int pluginMajor, int pluginMinor) =>
        hostMajor == pluginMajor && hostMinor >= pluginMinor;
}

using KsQuery.Plugins.Abstractions;

namespace KsQuery.Modules.Chains;

/// <summary>The chain plugins the host found at start: those that loaded and those skipped, with why.</summary>
public sealed record PluginSet(IReadOnlyList<LoadedPlugin> Plugins, IReadOnlyList<PluginFailure> Failures);

/// <param name="Plugin">The plugin's instance (one per chain: an assembly may serve several chains).</param>
/// <param name="Source">The assembly's path, for logs.</param>
/// <param name="Folder">The name of the plugin's folder under <c>plugins/</c>: what <c>Plugins:Required</c> names.</param>
/// <param name="IsBuiltIn">Shipped beside the host's binary (the KALP DLT plugin): its invalid settings stop the start
/// like the host's own.</param>
public sealed record LoadedPlugin(IChainPlugin Plugin, string Source, string Folder = "", bool IsBuiltIn = false);

/// <param name="Name">The chain id when the descriptor could be read, else the folder's name.</param>
/// <param name="Source">The folder or assembly, for logs.</param>
/// <param name="Reason">Why it was skipped.</param>
/// <param name="Folder">The plugin's folder name, matched against <c>Plugins:Required</c>.</param>
public sealed record PluginFailure(string Name, string Source, string Reason, string Folder = "");

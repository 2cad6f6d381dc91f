using KsQuery.Plugins.Abstractions;

namespace KsQuery.Modules.Chains;

/// <summary>The chain plugins the host found at start: those that loaded and those skipped, with why.</summary>
public sealed record PluginSet(IReadOnlyList<LoadedPlugin> Plugins, IReadOnlyList<PluginFailure> Failures);

public sealed record LoadedPlugin(IChainPlugin Plugin, string Source);

public sealed record PluginFailure(string Name, string Source, string Reason);

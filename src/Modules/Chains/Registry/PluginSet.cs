using KsQuery.Plugins.Abstractions;

namespace KsQuery.Modules.Chains;

/// <summary>The chain plugins the host found at start: those that loaded and those skipped, with why.</summary>
public sealed record PluginSet(IReadOnlyList<LoadedPlugin> Plugins, IReadOnlyList<PluginFailure> Failures);

public sealed record LoadedPlugin(IChainPlugin Plugin, string Source)
{
    /// <summary>The <see cref="Source"/> of a plugin compiled into the host.</summary>
    public const string BuiltIn = "built-in";

    /// <summary>Part of the host, not dropped in: its invalid settings stop the start like the host's own.</summary>
    public bool IsBuiltIn => Source == BuiltIn;
}

public sealed record PluginFailure(string Name, string Source, string Reason);

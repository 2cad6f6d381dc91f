using KsQuery.Modules.Chains.Registry;
using KsQuery.Plugins.Abstractions;

namespace KsQuery.Modules.Chains.Docs;

/// <summary>The examples a started plugin gives for a network (<see cref="IChainPlugin.GetExamples"/>): values that exist
/// on its running source. None while it is not started, and none from a plugin that fails to give them: the docs
/// then keep the descriptors' own examples.</summary>
internal static class ChainExamples
{
    private static readonly IReadOnlyDictionary<string, ApiExample> None = new Dictionary<string, ApiExample>();

    public static IReadOnlyDictionary<string, ApiExample> Of(ChainEntry chain, string networkId, PluginRuntime runtime)
    {
        if (chain.Plugin is not { } plugin || !runtime.IsStarted(chain.Id))
            return None;
        try
        {
            return plugin.GetExamples(networkId) ?? None;
        }
        catch (Exception)
        {
            return None;
        }
    }
}

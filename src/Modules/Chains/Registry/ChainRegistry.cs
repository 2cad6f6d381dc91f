using KsQuery.Contracts.Messages;

namespace KsQuery.Modules.Chains.Registry;

/// <summary>Every known chain: loaded plugins first, then coming-soon chains no plugin replaced.</summary>
public sealed class ChainRegistry
{
    internal ChainRegistry(PluginSet plugins)
    {
        var served = plugins.Plugins.Select(p => ChainEntry.FromPlugin(p.Plugin)).ToList();
        Chains = [.. served, .. ComingSoonChains.All.Where(c => served.All(s => s.Id != c.Id))];
    }

    internal IReadOnlyList<ChainEntry> Chains { get; }

    internal ChainEntry? Find(string chain) =>
        Chains.FirstOrDefault(c => string.Equals(c.Id, chain, StringComparison.OrdinalIgnoreCase));

    internal NetworkResolution Resolve(string chain, string network)
    {
        var entry = Find(chain);
        if (entry is null)
            return new NetworkResolution(NetworkResolutionOutcome.ChainNotFound, null, null, false);
        var net = entry.FindNetwork(network);
        if (net is null)
            return new NetworkResolution(NetworkResolutionOutcome.NetworkNotFound, entry.Id, null, false);
        return entry.Available
            ? new NetworkResolution(NetworkResolutionOutcome.Found, entry.Id, net.Id, net.IsTest)
            : new NetworkResolution(NetworkResolutionOutcome.ChainNotAvailable, entry.Id, net.Id, net.IsTest);
    }
}

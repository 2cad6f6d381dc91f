using System.Collections.Concurrent;
using KsQuery.Contracts.Messages;

namespace KsQuery.Modules.Chains.Registry;

/// <summary>Every known chain: loaded plugins first, then the coming-soon chains of the settings
/// (<c>Chains:ComingSoon</c>) that no plugin replaced.</summary>
public sealed class ChainRegistry
{
    internal ChainRegistry(PluginSet plugins, IReadOnlyList<ChainEntry> comingSoon)
    {
        var served = plugins.Plugins.Select(p => ChainEntry.FromPlugin(p.Plugin)).ToList();
        Chains = [.. served, .. comingSoon.Where(c => served.All(s => !string.Equals(s.Id, c.Id, StringComparison.OrdinalIgnoreCase)))];
    }

    internal IReadOnlyList<ChainEntry> Chains { get; }

    // Networks a plugin said it cannot serve (IChainPlugin.IsNetworkAvailable), "chain/network"; set once at start.
    private readonly ConcurrentDictionary<string, bool> _comingSoon = new(StringComparer.Ordinal);

    internal void MarkComingSoon(string chainId, string networkId) => _comingSoon[$"{chainId}/{networkId}"] = true;

    internal bool IsAvailable(ChainEntry chain, NetworkEntry network) => chain.Available && IsNetworkAvailable(chain.Id, network.Id);

    /// <summary>False for a network its plugin listed as coming soon at start: the one answer for the catalog, selections,
    /// key scopes and the keyed calls (ids as the plugin spells them). On the keyed path: no lookup while none is listed.</summary>
    internal bool IsNetworkAvailable(string chainId, string networkId) =>
        _comingSoon.IsEmpty || !_comingSoon.ContainsKey($"{chainId}/{networkId}");

    internal bool IsAvailable(ChainEntry chain) => chain.Networks.Any(n => IsAvailable(chain, n));

    internal ChainEntry? Find(string chain) =>
        Chains.FirstOrDefault(c => string.Equals(c.Id, chain, StringComparison.OrdinalIgnoreCase));

    internal NetworkResolution Resolve(string chain, string network)
    {
        var entry = Find(chain);
        if (entry is null)
            return new NetworkResolution(NetworkResolutionOutcome.ChainNotFound, null, null, false);
        // A chain that is coming soon as a whole answers so whatever network is asked: its network list is not usable yet.
        var net = entry.FindNetwork(network);
        if (!IsAvailable(entry))
            return new NetworkResolution(NetworkResolutionOutcome.ChainNotAvailable, entry.Id, net?.Id, net?.IsTest ?? false);
        if (net is null)
            return new NetworkResolution(NetworkResolutionOutcome.NetworkNotFound, entry.Id, null, false);
        return IsAvailable(entry, net)
            ? new NetworkResolution(NetworkResolutionOutcome.Found, entry.Id, net.Id, net.IsTest, net.Descriptor?.Apis.Select(a => a.Id).ToArray() ?? [])
            : new NetworkResolution(NetworkResolutionOutcome.ChainNotAvailable, entry.Id, net.Id, net.IsTest);
    }
}

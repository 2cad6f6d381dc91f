using KsQuery.Plugins.Abstractions;

namespace KsQuery.Modules.Chains.Registry;

/// <summary>A chain as the registry knows it: served by a plugin, or listed as coming soon.</summary>
internal sealed record ChainEntry(string Id, string Name, IChainPlugin? Plugin, IReadOnlyList<NetworkEntry> Networks)
{
    public bool Available => Plugin is not null;

    public static ChainEntry FromPlugin(IChainPlugin plugin) => new(
        plugin.Descriptor.Id,
        plugin.Descriptor.Name,
        plugin,
        plugin.Descriptor.Networks.Select(n => new NetworkEntry(n.Id, n.Name, n.IsTest, n.Aliases ?? [], n)).ToList());

    public static ChainEntry ComingSoon(string id, string name, params (string Id, string Name, bool IsTest)[] networks) =>
        new(id, name, null, networks.Select(n => new NetworkEntry(n.Id, n.Name, n.IsTest, [], null)).ToList());

    public NetworkEntry? FindNetwork(string idOrAlias) => Networks.FirstOrDefault(n =>
        string.Equals(n.Id, idOrAlias, StringComparison.OrdinalIgnoreCase)
        || n.Aliases.Contains(idOrAlias, StringComparer.OrdinalIgnoreCase));
}

internal sealed record NetworkEntry(string Id, string Name, bool IsTest, IReadOnlyList<string> Aliases, NetworkDescriptor? Descriptor);

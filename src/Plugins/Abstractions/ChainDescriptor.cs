namespace KsQuery.Plugins.Abstractions;

/// <summary>A blockchain served by a plugin.</summary>
/// <param name="Id">Lower-case <c>[a-z0-9-]{2,32}</c>; not one of the reserved words
/// <c>accounts, admin, audit, auth, chains, invitations, keys, me, sessions, teams, usage</c>. Appears in every route:
/// <c>/v1/{Id}/...</c>.</param>
/// <param name="Name">Display name, e.g. "KALP DLT".</param>
/// <param name="ContractVersion">The major contract version: set it to <see cref="PluginContract.Version"/> of the
/// Abstractions you build against.</param>
/// <param name="Networks">At least one network.</param>
public sealed record ChainDescriptor(
    string Id,
    string Name,
    int ContractVersion,
    IReadOnlyList<NetworkDescriptor> Networks)
{
    /// <summary>The minor contract version the plugin was built against: set it to <see cref="PluginContract.MinorVersion"/>
    /// (a constant, so the value compiled into the plugin is the one of the Abstractions it was built against). 0 when
    /// unset: the plugin then needs nothing added after <c>ContractVersion.0</c>.</summary>
    public int ContractMinorVersion { get; init; }
}

/// <summary>One network of a chain and its API catalog.</summary>
/// <param name="Id">Lower-case <c>[a-z0-9-]{2,32}</c>, e.g. <c>testnet</c>.</param>
/// <param name="Name">Display name, e.g. "Test Net".</param>
/// <param name="IsTest">True for test networks: their keys start with <c>ksq_test_</c>, others with <c>ksq_live_</c>.</param>
/// <param name="Apis">The catalog; ids unique within the network.</param>
/// <param name="Aliases">Other names clients use for this network (matched case-insensitively), e.g. <c>DEVNET</c>.</param>
public sealed record NetworkDescriptor(
    string Id,
    string Name,
    bool IsTest,
    IReadOnlyList<ApiDescriptor> Apis,
    IReadOnlyList<string>? Aliases = null);

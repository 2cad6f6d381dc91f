using KsQuery.Contracts.Messages;

namespace KsQuery.Modules.Chains.Registry;

/// <summary>Lets other modules resolve a chain/network as typed by a client (aliases, any case).</summary>
public static class ResolveNetworkHandler
{
    public static NetworkResolution Handle(ResolveNetwork message, ChainRegistry registry) =>
        registry.Resolve(message.Chain ?? "", message.Network ?? "");
}

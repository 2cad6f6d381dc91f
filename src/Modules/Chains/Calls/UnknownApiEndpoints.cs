using KsQuery.Contracts.Http;
using KsQuery.Modules.Chains.Registry;
using Microsoft.AspNetCore.Http;

namespace KsQuery.Modules.Chains.Calls;

/// <summary>An endpoint per served network name (its id and each alias) for the requests routing matched to nothing below
/// <c>/v1/{chain}/{network}/</c>: <see cref="UnknownChainApi"/>, with the keyed calls' metadata, so the keyed pipeline
/// checks the key and limits, counts the call (under <see cref="ChainApiMetadata.UnknownApi"/>) and answers 404
/// <c>api_not_found</c>. These endpoints are not routes: a catch-all route would be a second routing candidate of every
/// known API's path (captures, candidate set) on the keyed hot path, and a catalog path asked with the wrong method keeps
/// routing's 405.</summary>
internal sealed class UnknownApiEndpoints
{
    private const string Prefix = "/v1/";

    private readonly Dictionary<string, Endpoint> _byNetwork = new(StringComparer.OrdinalIgnoreCase);

    public UnknownApiEndpoints(ChainRegistry registry, IReadOnlyList<object> keyedMetadata)
    {
        foreach (var chain in registry.Chains.Where(c => c.Available))
        foreach (var network in chain.Networks)
        {
            var endpoint = new Endpoint(new UnknownChainApi(chain.Id, network.Id).InvokeAsync,
                new EndpointMetadataCollection([.. keyedMetadata, new ChainApiMetadata(chain.Id, network.Id, ChainApiMetadata.UnknownApi)]),
                $"Unknown API of {chain.Id}/{network.Id}");
            foreach (var name in network.Aliases.Prepend(network.Id))
                _byNetwork.TryAdd($"{chain.Id}/{name}", endpoint);
        }
    }

    /// <summary>Gives a request without an endpoint, below a served network, that network's unknown-API endpoint.</summary>
    public bool TryAttach(HttpContext context)
    {
        if (KeyedCallFeatures.EndpointOf(context) is not null)
            return false;
        var path = context.Request.Path.Value;
        if (path is null || !path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            return false;
        var chainEnd = path.IndexOf('/', Prefix.Length);
        if (chainEnd < 0)
            return false;
        var networkEnd = path.IndexOf('/', chainEnd + 1);
        var chainAndNetwork = path[Prefix.Length..(networkEnd < 0 ? path.Length : networkEnd)];
        if (!_byNetwork.TryGetValue(chainAndNetwork, out var endpoint))
            return false;
        context.SetEndpoint(endpoint);
        return true;
    }
}

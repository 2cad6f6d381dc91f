namespace KsQuery.Contracts.Http;

/// <summary>Endpoint metadata of a keyed chain API: the chain, network and catalog entry it serves.</summary>
public sealed record ChainApiMetadata(string Chain, string Network, string ApiId)
{
    /// <summary>The <see cref="ApiId"/> of a network's catch-all endpoint, which answers a path no catalog entry has
    /// (404 <c>api_not_found</c>, docs/api.md); usage counts those calls under this id.</summary>
    public const string UnknownApi = "unknown";
}

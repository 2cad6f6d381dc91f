namespace KsQuery.Contracts.Http;

/// <summary>Endpoint metadata of a keyed chain API: the chain, network and catalog entry it serves.</summary>
public sealed record ChainApiMetadata(string Chain, string Network, string ApiId);

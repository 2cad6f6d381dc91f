namespace KsQuery.Contracts.Messages;

/// <summary>Asks the Chains module to resolve a chain and network as a client typed them.</summary>
public sealed record ResolveNetwork(string Chain, string Network);

public enum NetworkResolutionOutcome { Found, ChainNotFound, NetworkNotFound, ChainNotAvailable }

/// <summary>Answer to <see cref="ResolveNetwork"/>; ids are canonical when found.</summary>
/// <param name="ApiIds">The ids of the network's API catalog when found (a key's <c>apis</c> restriction names them).</param>
public sealed record NetworkResolution(NetworkResolutionOutcome Outcome, string? ChainId, string? NetworkId, bool IsTest,
    IReadOnlyList<string>? ApiIds = null);

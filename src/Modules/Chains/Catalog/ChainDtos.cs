namespace KsQuery.Modules.Chains.Catalog;

/// <param name="Status"><c>available</c> or <c>coming-soon</c>.</param>
/// <param name="Health"><c>healthy</c> or <c>unhealthy</c> (the plugin failed to start or reports itself unhealthy); null for a
/// coming-soon chain no plugin serves.</param>
/// <param name="HealthDetail">Why the chain is unhealthy; null when healthy or unknown.</param>
public sealed record ChainDto(string Id, string Name, string Status, string? Health, string? HealthDetail, IReadOnlyList<NetworkDto> Networks);

/// <param name="Status"><c>available</c> or <c>coming-soon</c>.</param>
/// <param name="Health"><c>healthy</c> or <c>unhealthy</c>, as the plugin reports the network (a coming-soon network may say
/// why); null for a coming-soon chain no plugin serves.</param>
/// <param name="HealthDetail">Why the network is unhealthy; null when healthy or unknown.</param>
public sealed record NetworkDto(string Id, string Name, string Status, string? Health, string? HealthDetail, bool IsTest, IReadOnlyList<string> Aliases);

public sealed record CatalogDto(ChainRefDto Chain, ChainRefDto Network, int Total, IReadOnlyList<CatalogApiDto> Apis);

public sealed record ChainRefDto(string Id, string Name);

public sealed record CatalogApiDto(
    string Id,
    string Name,
    string Category,
    string Method,
    string Path,
    string Summary,
    IReadOnlyList<CatalogParameterDto> Parameters,
    CatalogBodyDto? Body,
    IReadOnlyList<string> Errors);

public sealed record CatalogParameterDto(
    string Name,
    string In,
    string Type,
    bool Required,
    string Description,
    string? Pattern,
    long? Minimum,
    long? Maximum,
    string? Default,
    string? Example);

public sealed record CatalogBodyDto(string Description, string Example, bool Required);

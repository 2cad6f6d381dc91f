namespace KsQuery.Modules.Chains.Catalog;

public sealed record ChainDto(string Id, string Name, string Status, IReadOnlyList<NetworkDto> Networks);

public sealed record NetworkDto(string Id, string Name, string Status, bool IsTest, IReadOnlyList<string> Aliases);

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

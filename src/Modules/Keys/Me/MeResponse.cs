namespace KsQuery.Modules.Keys.Me;

internal sealed record MeResponse(string Id, string Email, SelectionResponse Selection);

internal sealed record SelectionResponse(string? Chain, string? Network, string? ActiveKeyId);

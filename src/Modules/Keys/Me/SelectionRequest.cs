namespace KsQuery.Modules.Keys.Me;

internal sealed record SelectionRequest(string? Chain, string? Network, string? ActiveKeyId = null);

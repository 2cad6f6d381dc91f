namespace KsQuery.Modules.Keys.ApiKeys.Update;

internal sealed record UpdateApiKeyRequest(string? Name = null, string? Description = null);

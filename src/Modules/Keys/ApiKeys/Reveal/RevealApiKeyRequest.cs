namespace KsQuery.Modules.Keys.ApiKeys.Reveal;

internal sealed record RevealApiKeyRequest(string? Password);

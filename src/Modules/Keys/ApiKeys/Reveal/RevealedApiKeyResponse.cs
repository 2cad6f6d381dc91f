namespace KsQuery.Modules.Keys.ApiKeys.Reveal;

internal sealed record RevealedApiKeyResponse(string Key);

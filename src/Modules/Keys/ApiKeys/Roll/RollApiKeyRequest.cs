namespace KsQuery.Modules.Keys.ApiKeys.Roll;

internal sealed record RollApiKeyRequest(long? GracePeriodSeconds = null);

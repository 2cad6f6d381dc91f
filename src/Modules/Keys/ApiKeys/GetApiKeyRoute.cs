namespace KsQuery.Modules.Keys.ApiKeys;

internal static class GetApiKeyRoute
{
    /// <summary>Endpoint name of <c>GET /v1/keys/{id}</c>, for <c>Location</c> headers.</summary>
    public const string Name = "GetApiKey";
}

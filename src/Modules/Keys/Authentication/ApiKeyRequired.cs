namespace KsQuery.Modules.Keys.Authentication;

/// <summary>Endpoint metadata added by <see cref="KeysModule.RequireApiKey"/>: the <see cref="ApiKeyMiddleware"/>
/// verifies the API key of every call to such an endpoint and refuses the call without one.</summary>
internal sealed class ApiKeyRequired
{
    public static readonly ApiKeyRequired Instance = new();

    private ApiKeyRequired()
    {
    }
}

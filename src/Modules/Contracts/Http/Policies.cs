namespace KsQuery.Contracts.Http;

/// <summary>Authorization policy names shared by the modules (registered by the Keys module).</summary>
public static class Policies
{
    /// <summary>Dashboard routes: an account's bearer access token.</summary>
    public const string Account = "account";

    /// <summary>Keyed chain API calls: an API key.</summary>
    public const string ApiKey = "api-key";
}

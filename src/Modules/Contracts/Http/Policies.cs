namespace KsQuery.Contracts.Http;

/// <summary>Authorization policy names shared by the modules (registered by the Keys module). Keyed chain APIs use
/// no policy: the Keys module's <c>RequireApiKey()</c> group and <c>UseApiKeys()</c> middleware refuse calls without a verified key.</summary>
public static class Policies
{
    /// <summary>Dashboard routes: an account's bearer access token.</summary>
    public const string Account = "account";
}

using Microsoft.Kiota.Http.HttpClientLibrary;

namespace KsQuery.Client;

/// <summary>Creates a <see cref="KsQueryApiClient"/> for a KS Query gateway in one call.</summary>
/// <example>
/// <code>
/// var anonymous = KsQueryClientFactory.Create(http, new Uri("http://localhost:5000"));
/// var login = await anonymous.V1.Auth.Login.PostAsync(new LoginRequest { Email = email, Password = password });
/// var dashboard = KsQueryClientFactory.Create(http, baseUrl, accessToken: login!.AccessToken);
/// var keyed = KsQueryClientFactory.Create(http, baseUrl, apiKey: created.Key);
/// </code>
/// </example>
public static class KsQueryClientFactory
{
    /// <summary>A client sending its requests through <paramref name="httpClient"/> to <paramref name="baseUrl"/>.</summary>
    /// <param name="httpClient">The HTTP client to send with (the caller owns it; it is not disposed here).</param>
    /// <param name="baseUrl">The gateway's root, e.g. <c>http://localhost:5000</c> (a trailing slash is ignored).</param>
    /// <param name="accessToken">The <c>accessToken</c> from <c>POST /v1/auth/login</c>, for the dashboard routes
    /// (<c>/v1/me</c>, <c>/v1/keys</c>, <c>/v1/usage</c>): sent as <c>Authorization: Bearer</c>.</param>
    /// <param name="apiKey">An API key for the chain query APIs: sent as <c>X-Api-Key</c>.</param>
    public static KsQueryApiClient Create(HttpClient httpClient, Uri baseUrl, string? accessToken = null, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri)
            throw new ArgumentException("The base URL must be absolute, e.g. http://localhost:5000.", nameof(baseUrl));

        var adapter = new HttpClientRequestAdapter(new KsQueryAuthenticationProvider(accessToken, apiKey), httpClient: httpClient)
        {
            BaseUrl = baseUrl.AbsoluteUri.TrimEnd('/'),
        };
        return new KsQueryApiClient(adapter);
    }

    /// <summary>A client with an HTTP client of its own, built with Kiota's default handlers (retry on 429/503 honouring
    /// <c>Retry-After</c>, redirects, compression). Keep the client for the application's lifetime rather than one per call.</summary>
    /// <inheritdoc cref="Create(HttpClient, Uri, string?, string?)" path="/param[@name='baseUrl' or @name='accessToken' or @name='apiKey']"/>
    public static KsQueryApiClient Create(Uri baseUrl, string? accessToken = null, string? apiKey = null) =>
        Create(KiotaClientFactory.Create(), baseUrl, accessToken, apiKey);
}

using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;

namespace KsQuery.Client;

/// <summary>Puts KS Query's credentials on every request: the dashboard access token as <c>Authorization: Bearer</c> and
/// the API key as <c>X-Api-Key</c> (never in the query string). Either may be absent, e.g. for the public routes.</summary>
public sealed class KsQueryAuthenticationProvider : IAuthenticationProvider
{
    private readonly string? _accessToken;
    private readonly string? _apiKey;

    /// <param name="accessToken">The <c>accessToken</c> from <c>POST /v1/auth/login</c>, or null.</param>
    /// <param name="apiKey">An API key (<c>ksq_test_…</c> or <c>ksq_live_…</c>), or null.</param>
    public KsQueryAuthenticationProvider(string? accessToken = null, string? apiKey = null)
    {
        _accessToken = string.IsNullOrWhiteSpace(accessToken) ? null : accessToken;
        _apiKey = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey;
    }

    /// <inheritdoc />
    public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_accessToken is not null && !request.Headers.ContainsKey("Authorization"))
            request.Headers.Add("Authorization", "Bearer " + _accessToken);
        if (_apiKey is not null && !request.Headers.ContainsKey("X-Api-Key"))
            request.Headers.Add("X-Api-Key", _apiKey);
        return Task.CompletedTask;
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Host.Tests.Security.BadInput;

namespace Host.Tests.Security.Authorization;

/// <summary>The dashboard routes of a running host (those behind the account policy), and for each a request it answers
/// with success for the owner of <c>keyId</c>: when such a request is refused, only its credentials can be wrong.</summary>
public static class DashboardRequests
{
    public static IReadOnlyList<string> Routes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any() && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods
                .Select(m => $"{m} {RouteInventory.Normalize(e.RoutePattern.RawText!)}"))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <param name="teamId">A team of the owner of <paramref name="keyId"/>; <paramref name="memberId"/> one of its members.</param>
    public static (HttpMethod Method, string Path, object? Body) For(string route, string keyId, string recoverableKeyId, string teamId,
        string memberId) => route switch
    {
        "GET /v1/me" => (HttpMethod.Get, "/v1/me", null),
        "PUT /v1/me/selection" => (HttpMethod.Put, "/v1/me/selection", new { chain = "kalp", network = "testnet", activeKeyId = keyId }),
        // Not sent with the owner's token (it is not a GET): the owner keeps its password and its account.
        "POST /v1/me/password" => (HttpMethod.Post, "/v1/me/password",
            new { currentPassword = Support.SecurityHost.Password, newPassword = "a different long password" }),
        "DELETE /v1/me" => (HttpMethod.Delete, "/v1/me", new { password = Support.SecurityHost.Password }),
        "GET /v1/sessions" => (HttpMethod.Get, "/v1/sessions", null),
        "DELETE /v1/sessions/{id}" => (HttpMethod.Delete, "/v1/sessions/0123456789abcdef0123456789abcdef", null),
        "POST /v1/keys" => (HttpMethod.Post, "/v1/keys", new { name = "matrix-key" }),
        "GET /v1/keys" => (HttpMethod.Get, "/v1/keys?status=all", null),
        "GET /v1/keys/{id}" => (HttpMethod.Get, $"/v1/keys/{keyId}", null),
        "PATCH /v1/keys/{id}" => (HttpMethod.Patch, $"/v1/keys/{keyId}", new { name = "renamed-by-matrix", description = "changed" }),
        "POST /v1/keys/{id}/revoke" => (HttpMethod.Post, $"/v1/keys/{keyId}/revoke", null),
        "POST /v1/keys/{id}/roll" => (HttpMethod.Post, $"/v1/keys/{keyId}/roll", new { gracePeriodSeconds = 60 }),
        "POST /v1/keys/{id}/reveal" => (HttpMethod.Post, $"/v1/keys/{recoverableKeyId}/reveal", new { password = Support.SecurityHost.Password }),
        "GET /v1/keys/{id}/usage" => (HttpMethod.Get, $"/v1/keys/{keyId}/usage", null),
        "GET /v1/usage/summary" => (HttpMethod.Get, "/v1/usage/summary", null),
        "GET /v1/usage/timeseries" => (HttpMethod.Get, $"/v1/usage/timeseries?keyId={keyId}&interval=hour", null),
        "GET /v1/usage/rejections" => (HttpMethod.Get, "/v1/usage/rejections", null),
        "GET /v1/keys/{id}/activity" => (HttpMethod.Get, $"/v1/keys/{keyId}/activity", null),
        "GET /v1/audit" => (HttpMethod.Get, $"/v1/audit?keyId={keyId}", null),
        "POST /v1/teams" => (HttpMethod.Post, "/v1/teams", new { name = "matrix-team" }),
        "GET /v1/teams" => (HttpMethod.Get, "/v1/teams", null),
        "GET /v1/teams/{teamId}" => (HttpMethod.Get, $"/v1/teams/{teamId}", null),
        "POST /v1/teams/{teamId}/invitations" => (HttpMethod.Post, $"/v1/teams/{teamId}/invitations", new { email = "invitee@example.com", role = "viewer" }),
        "PATCH /v1/teams/{teamId}/members/{accountId}" => (HttpMethod.Patch, $"/v1/teams/{teamId}/members/{memberId}", new { role = "owner" }),
        "DELETE /v1/teams/{teamId}/members/{accountId}" => (HttpMethod.Delete, $"/v1/teams/{teamId}/members/{memberId}", null),
        "POST /v1/invitations/accept" => (HttpMethod.Post, "/v1/invitations/accept", new { token = "ksq_inv_not-a-token-of-this-host" }),
        _ => throw new InvalidOperationException($"No request for the dashboard route {route}: add one to DashboardRequests."),
    };
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Host.Tests.Security.BadInput;
using Host.Tests.Security.Support;
using Host.Tests.Support;
using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Host.Tests.Security.Authorization;

/// <summary>Every dashboard route against every wrong credential, another account's token against the owner's data, and
/// every chain API against dashboard tokens in place of a key. Routes come from the running host, so a new route is in the
/// matrix (or fails it for want of a sample request) without a change here.</summary>
public sealed class AuthorizationMatrixTests(MatrixFixture fixture) : IClassFixture<MatrixFixture>
{
    private SecurityHost Host => fixture.Host;

    public static TheoryData<string> WrongCredentials =>
    [
        "no token", "tampered token", "expired token", "API key as bearer token", "API key in X-Api-Key",
        "refresh token as access token", "access token under the Basic scheme", "empty bearer token",
    ];

    [Theory]
    [MemberData(nameof(WrongCredentials))]
    public async Task Every_dashboard_route_answers_401_unauthenticated_to_a_wrong_credential(string credential)
    {
        var before = await AccountSnapshot.TakeAsync(Host.Http, fixture.Owner.Token);
        var routes = DashboardRequests.Routes(Host.Host.Services);
        routes.Count.ShouldBeGreaterThan(10);
        foreach (var route in routes)
        {
            var (method, path, body) = DashboardRequests.For(route, fixture.OwnerKey.Id, fixture.OwnerRecoverableKey.Id, fixture.OwnerTeamId,
                fixture.Owner.Id);
            using var request = Request(method, path, body);
            switch (credential)
            {
                case "no token":
                    break;
                case "tampered token":
                    request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + SecurityFixture.Tamper(fixture.Owner.Token));
                    break;
                case "expired token":
                    request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + fixture.Expired.Token);
                    break;
                case "API key as bearer token":
                    request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + fixture.OwnerKey.Plaintext);
                    break;
                case "API key in X-Api-Key":
                    request.Headers.Add("X-Api-Key", fixture.OwnerKey.Plaintext);
                    break;
                case "refresh token as access token":
                    request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + fixture.Owner.RefreshToken);
                    break;
                case "access token under the Basic scheme":
                    request.Headers.TryAddWithoutValidation("Authorization", "Basic " + fixture.Owner.Token);
                    break;
                case "empty bearer token":
                    request.Headers.TryAddWithoutValidation("Authorization", "Bearer ");
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(credential), credential, null);
            }
            using var response = await Host.Http.SendAsync(request);
            await ProblemAssertions.ShouldBeProblemAsync(response, 401, "unauthenticated", $"{route} with {credential}");
        }
        (await AccountSnapshot.TakeAsync(Host.Http, fixture.Owner.Token)).ShouldBe(before);
    }

    [Fact]
    public async Task The_same_requests_succeed_with_the_owners_token()
    {
        // The matrix above proves something only if its requests are otherwise right: here they are, read-only ones.
        foreach (var route in DashboardRequests.Routes(Host.Host.Services).Where(r => r.StartsWith("GET ", StringComparison.Ordinal)))
        {
            var (method, path, body) = DashboardRequests.For(route, fixture.OwnerKey.Id, fixture.OwnerRecoverableKey.Id, fixture.OwnerTeamId,
                fixture.Owner.Id);
            using var request = Request(method, path, body);
            request.Headers.Authorization = new("Bearer", fixture.Owner.Token);
            using var response = await Host.Http.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, route);
        }
    }

    [Fact]
    public async Task Another_accounts_token_gets_404_key_not_found_for_the_owners_keys_on_every_route_and_sees_none_of_their_data()
    {
        // The owner has usage, refusals (calls with its revoked key) and keys; the other account has one call.
        for (var i = 0; i < 3; i++)
            (await Host.SendAsync(HttpMethod.Get, "/v1/kalp/testnet/network", apiKey: fixture.OwnerKey.Plaintext)).Status.ShouldBe(HttpStatusCode.OK);
        for (var i = 0; i < 2; i++)
            (await Host.SendAsync(HttpMethod.Get, "/v1/kalp/testnet/network", apiKey: fixture.OwnerRevokedKey.Plaintext)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Host.SendAsync(HttpMethod.Get, "/v1/kalp/testnet/network", apiKey: fixture.OtherKey.Plaintext)).Status.ShouldBe(HttpStatusCode.OK);
        var owner = await AccountSnapshot.TakeAsync(Host.Http, fixture.Owner.Token);
        var other = fixture.Other;
        string[] ownerKeys = [fixture.OwnerKey.Id, fixture.OwnerRecoverableKey.Id, fixture.OwnerRevokedKey.Id];

        var checkedRoutes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var route in DashboardRequests.Routes(Host.Host.Services)
                     .Where(r => r.Contains("{id}", StringComparison.Ordinal) && !r.StartsWith("DELETE /v1/sessions/", StringComparison.Ordinal)))
        foreach (var keyId in ownerKeys)
        {
            var (method, path, body) = DashboardRequests.For(route, keyId, keyId, fixture.OwnerTeamId, fixture.Owner.Id);
            using var request = Request(method, path, body);
            request.Headers.Authorization = new("Bearer", other.Token);
            using var response = await Host.Http.SendAsync(request);
            await ProblemAssertions.ShouldBeProblemAsync(response, 404, "key_not_found", $"{route} for the owner's key {keyId}");
            checkedRoutes.Add(route);
        }

        // Sessions: the owner's session is neither listed to the other account nor ended by it.
        var (_, ownerSessions) = await Host.SendAsync(HttpMethod.Get, "/v1/sessions", fixture.Owner.Token);
        var ownerSessionIds = ownerSessions.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("id").GetString()!).ToList();
        ownerSessionIds.ShouldNotBeEmpty();
        foreach (var sessionId in ownerSessionIds)
        {
            var (endStatus, endProblem) = await Host.SendAsync(HttpMethod.Delete, $"/v1/sessions/{sessionId}", other.Token);
            endStatus.ShouldBe(HttpStatusCode.NotFound);
            endProblem.Code().ShouldBe("session_not_found");
        }
        checkedRoutes.Add("DELETE /v1/sessions/{id}");
        var (_, otherSessions) = await Host.SendAsync(HttpMethod.Get, "/v1/sessions", other.Token);
        otherSessions.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("id").GetString()).ShouldNotContain(id => ownerSessionIds.Contains(id!));
        checkedRoutes.Add("GET /v1/sessions");
        (await Host.SendAsync(HttpMethod.Get, "/v1/me", fixture.Owner.Token)).Status.ShouldBe(HttpStatusCode.OK, "the owner's session goes on");

        // No id in these routes: they act on the caller's own account only; a wrong password changes nothing anywhere.
        var (passwordStatus, passwordProblem) = await Host.SendAsync(HttpMethod.Post, "/v1/me/password", other.Token,
            new { currentPassword = "not the other account's password", newPassword = "a different long password" });
        passwordStatus.ShouldBe(HttpStatusCode.Unauthorized);
        passwordProblem.Code().ShouldBe("invalid_credentials");
        checkedRoutes.Add("POST /v1/me/password");
        var (deleteStatus, deleteProblem) = await Host.SendAsync(HttpMethod.Delete, "/v1/me", other.Token,
            new { password = "not the other account's password" });
        deleteStatus.ShouldBe(HttpStatusCode.Unauthorized);
        deleteProblem.Code().ShouldBe("invalid_credentials");
        checkedRoutes.Add("DELETE /v1/me");

        var (meStatus, me) = await Host.SendAsync(HttpMethod.Get, "/v1/me", other.Token);
        meStatus.ShouldBe(HttpStatusCode.OK);
        me.GetProperty("id").GetString().ShouldBe(other.Id);
        checkedRoutes.Add("GET /v1/me");

        var (selectStatus, selectProblem) = await Host.SendAsync(HttpMethod.Put, "/v1/me/selection", other.Token,
            new { chain = "kalp", network = "testnet", activeKeyId = fixture.OwnerKey.Id });
        selectStatus.ShouldBe(HttpStatusCode.NotFound);
        selectProblem.Code().ShouldBe("key_not_found");
        checkedRoutes.Add("PUT /v1/me/selection");

        // Names are per account: the other account may use the owner's key name, and gets a key of its own.
        var (createStatus, created) = await Host.SendAsync(HttpMethod.Post, "/v1/keys", other.Token, new { name = fixture.OwnerKey.Name });
        createStatus.ShouldBe(HttpStatusCode.Created);
        ownerKeys.ShouldNotContain(created.GetProperty("id").GetString());
        checkedRoutes.Add("POST /v1/keys");

        var (_, list) = await Host.SendAsync(HttpMethod.Get, "/v1/keys?status=all", other.Token);
        var listed = list.GetProperty("items").EnumerateArray().Select(k => k.GetProperty("id").GetString()).ToList();
        listed.ShouldBe([created.GetProperty("id").GetString(), fixture.OtherKey.Id], ignoreOrder: true);
        checkedRoutes.Add("GET /v1/keys");

        var (_, summary) = await Host.SendAsync(HttpMethod.Get, "/v1/usage/summary", other.Token);
        summary.GetProperty("requests").GetInt64().ShouldBe(1);
        summary.GetProperty("byKey").EnumerateArray().Select(k => k.GetProperty("keyId").GetString()).ShouldBe([fixture.OtherKey.Id]);
        checkedRoutes.Add("GET /v1/usage/summary");

        var (_, series) = await Host.SendAsync(HttpMethod.Get, "/v1/usage/timeseries?interval=hour", other.Token);
        series.EnumerateArray().Sum(p => p.GetProperty("requests").GetInt64()).ShouldBe(1);
        checkedRoutes.Add("GET /v1/usage/timeseries");

        var (_, rejections) = await Host.SendAsync(HttpMethod.Get, "/v1/usage/rejections", other.Token);
        rejections.GetProperty("total").GetInt64().ShouldBe(0);
        checkedRoutes.Add("GET /v1/usage/rejections");

        var (_, audit) = await Host.SendAsync(HttpMethod.Get, "/v1/audit?size=100", other.Token);
        var otherEntries = audit.GetProperty("items").EnumerateArray().ToList();
        otherEntries.ShouldNotBeEmpty("the other account's own sign-up and login are there");
        foreach (var entry in otherEntries)
        {
            entry.GetProperty("actorAccountId").GetString().ShouldBe(other.Id, entry.ToString());
            ownerKeys.ShouldNotContain(entry.GetProperty("keyId").GetString(), entry.ToString());
        }
        checkedRoutes.Add("GET /v1/audit");
        // The owner's team answers like one that does not exist; the other account's own team is the only one it sees.
        foreach (var route in DashboardRequests.Routes(Host.Host.Services).Where(r => r.Contains("{teamId}", StringComparison.Ordinal)))
        {
            var (method, path, body) = DashboardRequests.For(route, fixture.OwnerKey.Id, fixture.OwnerKey.Id, fixture.OwnerTeamId, fixture.Owner.Id);
            using var request = Request(method, path, body);
            request.Headers.Authorization = new("Bearer", other.Token);
            using var response = await Host.Http.SendAsync(request);
            await ProblemAssertions.ShouldBeProblemAsync(response, 404, "team_not_found", $"{route} for the owner's team");
            checkedRoutes.Add(route);
        }
        var (teamStatus, team) = await Host.SendAsync(HttpMethod.Post, "/v1/teams", other.Token, new { name = "owner-team" });
        teamStatus.ShouldBe(HttpStatusCode.Created);
        checkedRoutes.Add("POST /v1/teams");
        var (_, teams) = await Host.SendAsync(HttpMethod.Get, "/v1/teams", other.Token);
        teams.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()).ShouldBe([team.GetProperty("id").GetString()]);
        checkedRoutes.Add("GET /v1/teams");
        var (acceptStatus, accept) = await Host.SendAsync(HttpMethod.Post, "/v1/invitations/accept", other.Token, new { token = "ksq_inv_guessed" });
        acceptStatus.ShouldBe(HttpStatusCode.NotFound);
        accept.Code().ShouldBe("invitation_not_found");
        checkedRoutes.Add("POST /v1/invitations/accept");
        var (_, ownerTeam) = await Host.SendAsync(HttpMethod.Get, $"/v1/teams/{fixture.OwnerTeamId}", fixture.Owner.Token);
        ownerTeam.GetProperty("members").GetArrayLength().ShouldBe(1);
        ownerTeam.GetProperty("invitations").GetArrayLength().ShouldBe(0);

        // The owner sees its own, so the checks above could have failed.
        var (_, ownerAudit) = await Host.SendAsync(HttpMethod.Get, $"/v1/audit?keyId={fixture.OwnerKey.Id}", fixture.Owner.Token);
        ownerAudit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ShouldContain("key.created");
        var (_, ownerSummary) = await Host.SendAsync(HttpMethod.Get, "/v1/usage/summary", fixture.Owner.Token);
        ownerSummary.GetProperty("requests").GetInt64().ShouldBe(5);
        var (_, ownerRejections) = await Host.SendAsync(HttpMethod.Get, "/v1/usage/rejections", fixture.Owner.Token);
        ownerRejections.GetProperty("total").GetInt64().ShouldBe(2);

        checkedRoutes.ShouldBe(DashboardRequests.Routes(Host.Host.Services), ignoreOrder: true);
        (await AccountSnapshot.TakeAsync(Host.Http, fixture.Owner.Token)).ShouldBe(owner);
    }

    public static TheoryData<string> TokensAsKeys => ["access token as bearer", "access token in X-Api-Key", "refresh token as bearer"];

    [Theory]
    [MemberData(nameof(TokensAsKeys))]
    public async Task Every_chain_api_answers_401_key_invalid_to_a_dashboard_token_in_place_of_a_key(string credential)
    {
        // docs/api.md: key_missing is for no key given; a token given as the key is a malformed key, key_invalid.
        var samples = ChainRoutes.All.ToDictionary(r => r.Route, r => r.ValidPath, StringComparer.Ordinal);
        var endpoints = Host.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ChainApiMetadata>() is not null)
            .ToList();
        endpoints.Count.ShouldBeGreaterThan(16);
        foreach (var endpoint in endpoints)
        {
            var method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Single();
            var route = $"{method} {endpoint.RoutePattern.RawText}";
            // KALP's routes come with their bad-input samples; other plugins' (EVM) get a valid path from their descriptor.
            var path = samples.TryGetValue(route, out var known) ? known
                : ChainRoutes.SamplePath(endpoint.RoutePattern.RawText!, endpoint.Metadata.GetMetadata<KsQuery.Plugins.Abstractions.ApiDescriptor>()!);
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            switch (credential)
            {
                case "access token as bearer":
                    request.Headers.Authorization = new("Bearer", fixture.Owner.Token);
                    break;
                case "access token in X-Api-Key":
                    request.Headers.Add("X-Api-Key", fixture.Owner.Token);
                    break;
                case "refresh token as bearer":
                    request.Headers.Authorization = new("Bearer", fixture.Owner.RefreshToken);
                    break;
            }
            using var response = await Host.Http.SendAsync(request);
            await ProblemAssertions.ShouldBeProblemAsync(response, 401, "key_invalid", $"{route} with the {credential}");
        }
    }

    [Fact]
    public async Task An_expired_refresh_token_is_refused_and_a_valid_one_gives_tokens_that_work()
    {
        var (expiredStatus, expired) = await Host.SendAsync(HttpMethod.Post, "/v1/auth/refresh", body: new { refreshToken = fixture.Expired.RefreshToken });
        expiredStatus.ShouldBe(HttpStatusCode.Unauthorized);
        expired.Code().ShouldBe("invalid_credentials");

        var (status, tokens) = await Host.SendAsync(HttpMethod.Post, "/v1/auth/refresh", body: new { refreshToken = fixture.Owner.RefreshToken });
        status.ShouldBe(HttpStatusCode.OK);
        var (meStatus, me) = await Host.SendAsync(HttpMethod.Get, "/v1/me", tokens.GetProperty("accessToken").GetString());
        meStatus.ShouldBe(HttpStatusCode.OK);
        me.GetProperty("id").GetString().ShouldBe(fixture.Owner.Id);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, object? body) =>
        new(method, path) { Content = body is null ? null : JsonContent.Create(body) };
}

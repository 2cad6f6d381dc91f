using System.Net;
using System.Text;
using System.Text.Json;
using Host.Tests.Support;

namespace Host.Tests.OpenApi;

/// <summary>The codes the document declares are the ones the server really answers: each request here provokes one
/// refusal of a dashboard or public route, and its status and <c>code</c> must be declared for that operation (the
/// document's own examples, one per code). A refusal the document does not declare fails here.</summary>
public sealed class DeclaredCodesAnswerTests(SignedInHostFixture fixture) : IClassFixture<SignedInHostFixture>
{
    private const string Json = "application/json";

    public static TheoryData<string, string, string, string?, string?, string> Refusals => new()
    {
        // operation path, method, url ({key} = the fixture's key id), body (BIG = over the 64 KiB limit), content type, expected code
        { "/v1/accounts", "POST", "/v1/accounts", """{"email":"signed-in@example.com","password":"correct horse battery"}""", Json, "email_taken" },
        { "/v1/accounts", "POST", "/v1/accounts", """{"email":"x@example.com","password":"short"}""", Json, "validation_failed" },
        { "/v1/accounts", "POST", "/v1/accounts", "email=x", "text/plain", "unsupported_media_type" },
        { "/v1/auth/login", "POST", "/v1/auth/login", """{"email":"signed-in@example.com","password":5}""", Json, "malformed_json" },
        { "/v1/auth/refresh", "POST", "/v1/auth/refresh", """{"refreshToken":"not-a-token"}""", Json, "invalid_credentials" },
        { "/v1/me/selection", "PUT", "/v1/me/selection", """{"chain":"nochain","network":"testnet"}""", Json, "chain_not_found" },
        { "/v1/me/selection", "PUT", "/v1/me/selection", """{"chain":"ethereum","network":"mainnet"}""", Json, "chain_not_available" },
        { "/v1/me/password", "POST", "/v1/me/password", """{"currentPassword":"x","newPassword":"short"}""", Json, "validation_failed" },
        { "/v1/me", "DELETE", "/v1/me", "{}", Json, "validation_failed" },
        { "/v1/sessions", "GET", "/v1/sessions?size=0", null, null, "validation_failed" },
        { "/v1/sessions/{id}", "DELETE", "/v1/sessions/nosuch", null, null, "session_not_found" },
        { "/v1/keys", "POST", "/v1/keys", """{"name":"fixture-key"}""", Json, "key_name_taken" },
        { "/v1/keys", "POST", "/v1/keys", """{"name":"n","rateLimitPerSecond":"5"}""", Json, "malformed_json" },
        { "/v1/keys", "POST", "/v1/keys", """{"name":"n","chain":"kalp","network":"nonet"}""", Json, "network_not_found" },
        { "/v1/keys", "POST", "/v1/keys", "BIG", Json, "payload_too_large" },
        { "/v1/keys", "GET", "/v1/keys?page=abc", null, null, "validation_failed" },
        { "/v1/keys/{id}", "GET", "/v1/keys/nokey", null, null, "key_not_found" },
        { "/v1/keys/{id}", "PATCH", "/v1/keys/nokey", """{"name":"other"}""", Json, "key_not_found" },
        { "/v1/keys/{id}/roll", "POST", "/v1/keys/{key}/roll", """{"gracePeriodSeconds":-1}""", Json, "validation_failed" },
        { "/v1/keys/{id}/reveal", "POST", "/v1/keys/{key}/reveal", """{"password":"correct horse battery"}""", Json, "key_not_recoverable" },
        { "/v1/chains/{chain}/networks/{network}/apis", "GET", "/v1/chains/binance/networks/mainnet/apis", null, null, "chain_not_available" },
        { "/v1/usage/timeseries", "GET", "/v1/usage/timeseries?interval=week", null, null, "validation_failed" },
        { "/v1/usage/timeseries", "GET", "/v1/usage/timeseries?keyId=nokey", null, null, "key_not_found" },
        { "/v1/keys/{id}/usage", "GET", "/v1/keys/nokey/usage", null, null, "key_not_found" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refusal_is_declared_with_its_code_on_its_operation(string path, string method, string url, string? body, string? contentType, string code)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url.Replace("{key}", fixture.KeyId, StringComparison.Ordinal));
        if (body is not null)
            request.Content = new StringContent(body == "BIG" ? $"{{\"name\":\"{new string('a', 70 * 1024)}\"}}" : body, Encoding.UTF8, contentType!);
        request.Headers.Authorization = new("Bearer", fixture.Token);
        var response = await fixture.Api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var answered = JsonDocument.Parse(text).RootElement.GetProperty("code").GetString();
        answered.ShouldBe(code, text);

        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (_, document, _) = await fixture.Api.GetAsync("/openapi/v1.json");
        var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant()).GetProperty("responses");
        responses.TryGetProperty(status, out var declared).ShouldBeTrue($"{method} {path} answered {status}, which the document does not declare");
        ProblemResponsesTests.CodesOf(declared).ShouldContain(code, $"{method} {path} {status}");
    }

    [Fact]
    public async Task An_unauthenticated_dashboard_call_is_declared()
    {
        var (status, body, _) = await fixture.Api.GetAsync("/v1/me");
        status.ShouldBe(HttpStatusCode.Unauthorized);
        var (_, document, _) = await fixture.Api.GetAsync("/openapi/v1.json");
        var declared = document.GetProperty("paths").GetProperty("/v1/me").GetProperty("get").GetProperty("responses").GetProperty("401");
        ProblemResponsesTests.CodesOf(declared).ShouldContain(body.GetProperty("code").GetString()!);
    }
}

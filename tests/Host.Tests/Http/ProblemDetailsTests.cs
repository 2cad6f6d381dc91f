using System.Net;
using System.Text;
using System.Text.Json;
using Host.Tests.Support;

namespace Host.Tests.Http;

/// <summary>Every error is problem details with status, title, detail, code and traceId; bad input changes nothing.</summary>
public sealed class ProblemDetailsTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly ApiClient _api = fixture.Api;

    [Fact]
    public async Task Malformed_json_is_400_malformed_json_and_creates_nothing()
    {
        var response = await SendRaw(HttpMethod.Post, "/v1/accounts", "{\"email\": \"x@example.com\", ");
        await ShouldBeProblem(response, 400, "malformed_json");
        var (loginStatus, _, _) = await _api.PostAsync("/v1/auth/login", new { email = "x@example.com", password = "whatever password" });
        loginStatus.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_413()
    {
        var response = await SendRaw(HttpMethod.Post, "/v1/accounts", "{\"email\":\"" + new string('a', 70_000) + "\"}");
        await ShouldBeProblem(response, 413, "payload_too_large");
    }

    [Fact]
    public async Task Unknown_routes_and_methods_answer_problem_details()
    {
        await ShouldBeProblem(await _api.Http.GetAsync("/v1/nothing-here"), 404, "not_found");
        await ShouldBeProblem(await _api.Http.DeleteAsync("/v1/chains"), 405, "method_not_allowed");
    }

    [Fact]
    public async Task Validation_errors_carry_an_errors_map()
    {
        var response = await SendRaw(HttpMethod.Post, "/v1/accounts", """{"email":"not-an-email","password":"short"}""");
        var problem = await ShouldBeProblem(response, 400, "validation_failed");
        problem.GetProperty("errors").TryGetProperty("password", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Dashboard_routes_without_a_token_are_401_unauthenticated()
    {
        await ShouldBeProblem(await _api.Http.GetAsync("/v1/keys"), 401, "unauthenticated");
        await ShouldBeProblem(await _api.Http.GetAsync("/v1/me"), 401, "unauthenticated");
    }

    [Fact]
    public async Task Keyed_routes_without_a_key_are_401_key_missing_and_a_mistyped_key_is_key_invalid()
    {
        await ShouldBeProblem(await _api.Http.GetAsync("/v1/kalp/testnet/network"), 401, "key_missing");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/kalp/testnet/network");
        request.Headers.Add("X-Api-Key", "ksq_test_not-a-real-key");
        await ShouldBeProblem(await _api.Http.SendAsync(request), 401, "key_invalid");
    }

    private Task<HttpResponseMessage> SendRaw(HttpMethod method, string url, string body) =>
        _api.Http.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") });

    internal static async Task<JsonElement> ShouldBeProblem(HttpResponseMessage response, int status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        problem.GetProperty("status").GetInt32().ShouldBe(status);
        problem.GetProperty("code").GetString().ShouldBe(code);
        problem.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        problem.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
        problem.GetProperty("traceId").GetString().ShouldNotBeNullOrWhiteSpace();
        text.ShouldNotContain("Exception");
        return problem;
    }
}

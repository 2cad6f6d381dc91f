using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Host.Tests.OpenApi;

namespace Host.Tests.Contract;

/// <summary>The contract check can fail: a wrong body, an undeclared status, an unknown operation, a missing or
/// unexpected body, the wrong media type and a bad header are each reported against the document the host serves.</summary>
public sealed class ContractCheckerTests(OpenApiDocumentFixture fixture) : IClassFixture<OpenApiDocumentFixture>
{
    private static readonly Dictionary<string, string> NoHeaders = [];
    private ContractChecker Checker => new(fixture.Document);

    /// <summary>A real 201 of <c>POST /v1/keys</c>, taken from the host.</summary>
    private async Task<RecordedExchange> CreatedKeyAsync(string email)
    {
        var token = await fixture.Api.SignUpAndLogInAsync(email);
        await fixture.Api.SelectAsync(token);
        var (status, _, response) = await fixture.Api.PostAsync("/v1/keys", new { name = "contract" }, token);
        status.ShouldBe(HttpStatusCode.Created);
        return new RecordedExchange("POST", "/v1/keys", 201, response.Content.Headers.ContentType?.ToString(),
            await response.Content.ReadAsStringAsync(), NoHeaders);
    }

    [Fact]
    public async Task A_wrong_body_for_a_real_operation_is_reported_at_its_path()
    {
        var real = await CreatedKeyAsync("contract-body@example.com");
        Checker.Check(real).ShouldBeEmpty("the host's own answer matches");

        var body = JsonNode.Parse(real.Body)!.AsObject();
        body["createdAt"] = 5;
        body.Remove("id");
        Checker.Check(real with { Body = body.ToJsonString() })
            .ShouldBe(["POST /v1/keys 201 $.createdAt: expected string, got number 5", "POST /v1/keys 201 $.id: required but missing"], ignoreOrder: true);
    }

    [Fact]
    public async Task An_undeclared_status_is_reported()
    {
        var real = await CreatedKeyAsync("contract-status@example.com");
        var failure = Checker.Check(real with { Status = 418 }).ShouldHaveSingleItem();
        failure.ShouldStartWith("POST /v1/keys 418: the operation declares no response for this status");
    }

    [Fact]
    public void A_path_or_method_the_document_does_not_have_is_reported()
    {
        Checker.Check(new RecordedExchange("GET", "/v1/nowhere", 200, "application/json", "{}", NoHeaders))
            .ShouldBe(["GET /v1/nowhere 200: no path of the document matches"]);
        Checker.Check(new RecordedExchange("DELETE", "/v1/chains", 200, "application/json", "[]", NoHeaders))
            .ShouldBe(["DELETE /v1/chains 200: /v1/chains declares no DELETE operation"]);
    }

    [Fact]
    public void A_missing_body_an_unexpected_body_and_the_wrong_media_type_are_reported()
    {
        Checker.Check(new RecordedExchange("GET", "/v1/chains", 200, null, "", NoHeaders))
            .ShouldBe(["GET /v1/chains 200: the response declares content (application/json) but the answer has no body"]);
        Checker.Check(new RecordedExchange("POST", "/v1/auth/logout", 204, "application/json", "{}", NoHeaders))
            .ShouldBe(["POST /v1/auth/logout 204: answered a body (application/json) but the response declares no content"]);
        Checker.Check(new RecordedExchange("GET", "/v1/me", 401, "application/json", """{"status":401,"title":"t","code":"unauthenticated"}""", NoHeaders))
            .ShouldBe(["GET /v1/me 401: answered application/json, the response declares application/problem+json"]);
        Checker.Check(new RecordedExchange("GET", "/v1/me", 401, "application/problem+json", "not json", NoHeaders))
            .ShouldHaveSingleItem().ShouldStartWith("GET /v1/me 401: the application/problem+json body is not JSON");
    }

    [Fact]
    public void A_problem_without_its_code_is_reported()
    {
        Checker.Check(new RecordedExchange("GET", "/v1/me", 401, "application/problem+json; charset=utf-8", """{"status":401,"title":"Unauthorized"}""", NoHeaders))
            .ShouldBe(["GET /v1/me 401 $.code: required but missing"]);
    }

    [Fact]
    public void A_literal_path_segment_is_preferred_over_a_template_parameter()
    {
        Checker.Check(new RecordedExchange("GET", "/v1/kalp/testnet/blocks/latest", 418, null, "", NoHeaders))
            .ShouldHaveSingleItem().ShouldStartWith("GET /v1/kalp/testnet/blocks/latest 418:");
        Checker.Check(new RecordedExchange("GET", "/v1/kalp/testnet/blocks/7", 418, null, "", NoHeaders))
            .ShouldHaveSingleItem().ShouldStartWith("GET /v1/kalp/testnet/blocks/{number} 418:");
    }

    [Fact]
    public void A_declared_header_with_a_value_its_schema_refuses_is_reported()
    {
        const string problem = """{"status":429,"title":"Too Many Requests","code":"rate_limited"}""";
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Retry-After"] = "1", ["RateLimit-Remaining"] = "0" };
        var answer = new RecordedExchange("GET", "/v1/kalp/testnet/network", 429, "application/problem+json", problem, headers);
        Checker.Check(answer).ShouldBeEmpty();

        headers["Retry-After"] = "soon";
        headers["RateLimit-Remaining"] = "-1";
        Checker.Check(answer).ShouldBe([
            "GET /v1/kalp/testnet/network 429 header Retry-After: expected integer, got string \"soon\"",
            "GET /v1/kalp/testnet/network 429 header RateLimit-Remaining: -1 is below the minimum 0",
        ], ignoreOrder: true);
    }

    [Fact]
    public void A_header_declared_required_is_reported_when_missing()
    {
        var document = JsonDocument.Parse("""
            {"paths":{"/x":{"get":{"responses":{"429":{"headers":{"Retry-After":{"required":true,"schema":{"type":"integer"}}}}}}}}}
            """).RootElement;
        new ContractChecker(document).Check(new RecordedExchange("GET", "/x", 429, null, "", NoHeaders))
            .ShouldBe(["GET /x 429 header Retry-After: required but missing"]);
    }

    [Fact]
    public void A_default_or_range_response_applies_when_the_exact_status_is_not_declared()
    {
        var document = JsonDocument.Parse("""
            {"paths":{"/x":{"get":{"responses":{"4XX":{"content":{"application/json":{"schema":{"type":"string"}}}},"default":{"description":"none"}}}}}}
            """).RootElement;
        var checker = new ContractChecker(document);
        checker.Check(new RecordedExchange("GET", "/x", 404, "application/json", "1", NoHeaders)).ShouldBe(["GET /x 404 $: expected string, got number 1"]);
        checker.Check(new RecordedExchange("GET", "/x", 500, "application/json", "1", NoHeaders))
            .ShouldBe(["GET /x 500: answered a body (application/json) but the response declares no content"]);
    }
}

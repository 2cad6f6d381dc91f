using System.Text.Json;
using Host.Tests.Http;

namespace Host.Tests.OpenApi;

/// <summary>Every error answer of the served OpenAPI document is typed with the one <c>Problem</c> schema, and every
/// operation declares the refusals its kind of route can give (401 on dashboard routes, 404 where an id is looked up,
/// the key, limit and upstream refusals on chain APIs).</summary>
public sealed class ProblemResponsesTests(OpenApiDocumentFixture fixture) : IClassFixture<OpenApiDocumentFixture>
{
    private const string ProblemRef = "#/components/schemas/Problem";

    [Fact]
    public void The_problem_schema_has_the_fields_every_error_answer_carries()
    {
        var schemas = fixture.Document.GetProperty("components").GetProperty("schemas");
        var problem = schemas.GetProperty("Problem");
        problem.GetProperty("type").GetString().ShouldBe("object");
        var properties = problem.GetProperty("properties");
        foreach (var (name, type) in new[] { ("type", "string"), ("title", "string"), ("status", "integer"), ("detail", "string"), ("code", "string"), ("traceId", "string") })
            properties.GetProperty(name).GetProperty("type").GetString().ShouldBe(type, name);
        var errors = properties.GetProperty("errors");
        errors.GetProperty("type").GetString().ShouldBe("object");
        var messages = errors.GetProperty("additionalProperties");
        messages.GetProperty("type").GetString().ShouldBe("array");
        messages.GetProperty("items").GetProperty("type").GetString().ShouldBe("string");
        problem.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ShouldBe(["status", "title", "code"], ignoreOrder: true);

        schemas.TryGetProperty("ProblemDetails", out _).ShouldBeFalse("one problem schema, not the framework's as well");
        schemas.TryGetProperty("HttpValidationProblemDetails", out _).ShouldBeFalse("one problem schema, not the framework's as well");
    }

    [Fact]
    public void Every_error_response_is_a_problem()
    {
        var wrong = new List<string>();
        var errorResponses = 0;
        // /health (and /health/live, /health/ready) answers 503 with its report listing every check (docs/api.md), not with a problem.
        foreach (var (path, method, operation) in fixture.Operations().Where(o => !o.Path.StartsWith("/health", StringComparison.Ordinal)))
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('4') || r.Name.StartsWith('5')))
            {
                errorResponses++;
                var where = $"{method.ToUpperInvariant()} {path} {response.Name}";
                if (!response.Value.TryGetProperty("content", out var content))
                {
                    wrong.Add($"{where}: no content");
                    continue;
                }
                var mediaTypes = content.EnumerateObject().Select(m => m.Name).ToList();
                if (mediaTypes is not ["application/problem+json"])
                    wrong.Add($"{where}: {string.Join(", ", mediaTypes)}");
                else if (!content.GetProperty("application/problem+json").TryGetProperty("schema", out var schema)
                         || !IsProblem(schema))
                    wrong.Add($"{where}: not a reference to {ProblemRef}");
            }
        errorResponses.ShouldBeGreaterThan(0);
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_operation_declares_the_refusals_of_its_kind_of_route()
    {
        var chainApis = await OperationKinds.ChainApisAsync(fixture.Api);
        var missing = new List<string>();
        foreach (var (path, method, operation) in fixture.Operations())
        {
            var responses = operation.GetProperty("responses");
            string[] expected = OperationKinds.Of(path, method, chainApis) switch
            {
                // The others (400, 404, 501, 502, 413) where the API can give them (ChainApiExampleTests).
                OperationKind.ChainApi => ["401", "403", "429", "503"],
                OperationKind.Dashboard when path.Contains("{id}", StringComparison.Ordinal) => ["401", "404"],
                OperationKind.Dashboard => ["401"],
                _ => [],
            };
            foreach (var status in expected.Where(s => !responses.TryGetProperty(s, out _)))
                missing.Add($"{method.ToUpperInvariant()} {path}: no {status}");
        }
        missing.ShouldBeEmpty();
    }

    [Fact]
    public async Task Chain_api_refusals_over_a_limit_carry_retry_after_and_the_rate_limit_headers()
    {
        var chainApis = await OperationKinds.ChainApisAsync(fixture.Api);
        var wrong = new List<string>();
        foreach (var (path, method, operation) in fixture.Operations().Where(o => OperationKinds.Of(o.Path, o.Method, chainApis) == OperationKind.ChainApi))
        {
            var tooMany = operation.GetProperty("responses").GetProperty("429");
            var headers = tooMany.TryGetProperty("headers", out var h) ? h.EnumerateObject().Select(x => x.Name).ToList() : [];
            foreach (var header in new[] { "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset" }.Where(x => !headers.Contains(x)))
                wrong.Add($"{method.ToUpperInvariant()} {path} 429: no {header}");
            if (!operation.GetProperty("responses").GetProperty("200").TryGetProperty("headers", out var okHeaders)
                || !okHeaders.TryGetProperty("RateLimit-Remaining", out _))
                wrong.Add($"{method.ToUpperInvariant()} {path} 200: no RateLimit-Remaining");
        }
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void Health_is_described_with_its_report_for_both_answers()
    {
        var responses = fixture.Document.GetProperty("paths").GetProperty("/health").GetProperty("get").GetProperty("responses");
        foreach (var status in new[] { "200", "503" })
            responses.GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("schema")
                .GetProperty("properties").GetProperty("checks").GetProperty("type").GetString().ShouldBe("array", status);
    }

    /// <summary>The shared Problem, or (chain APIs) the shared Problem narrowed to the codes that answer can carry.</summary>
    private static bool IsProblem(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference) ? reference.GetString() == ProblemRef
        : schema.TryGetProperty("allOf", out var allOf) && allOf.GetArrayLength() == 2
          && allOf[0].TryGetProperty("$ref", out var first) && first.GetString() == ProblemRef
          && allOf[1].GetProperty("properties").GetProperty("code").GetProperty("enum").GetArrayLength() > 0;

    public static TheoryData<string, string, string, string[]> DeclaredCodes => new()
    {
        { "post", "/v1/accounts", "400", ["validation_failed", "malformed_json", "bad_request"] },
        { "post", "/v1/accounts", "403", ["sign_up_closed", "invitation_required", "invitation_for_another_account"] },
        { "post", "/v1/accounts", "404", ["invitation_not_found"] },
        { "post", "/v1/accounts", "409", ["email_taken", "invitation_used", "invitation_expired"] },
        { "post", "/v1/accounts", "413", ["payload_too_large"] },
        { "post", "/v1/accounts", "415", ["unsupported_media_type"] },
        { "post", "/v1/accounts", "429", ["too_many_attempts"] },
        { "post", "/v1/auth/login", "401", ["invalid_credentials"] },
        { "post", "/v1/auth/login", "429", ["too_many_attempts"] },
        { "post", "/v1/auth/refresh", "401", ["invalid_credentials"] },
        { "post", "/v1/auth/logout", "401", ["invalid_credentials"] },
        { "get", "/v1/me", "401", ["unauthenticated"] },
        { "put", "/v1/me/selection", "404", ["chain_not_found", "network_not_found", "key_not_found"] },
        { "put", "/v1/me/selection", "409", ["chain_not_available"] },
        { "post", "/v1/keys", "400", ["validation_failed", "selection_required", "malformed_json", "bad_request"] },
        { "post", "/v1/keys", "401", ["unauthenticated"] },
        { "post", "/v1/keys", "404", ["chain_not_found", "network_not_found", "team_not_found"] },
        { "post", "/v1/keys", "409", ["chain_not_available", "key_name_taken", "key_limit_reached"] },
        { "get", "/v1/keys", "400", ["validation_failed"] },
        { "get", "/v1/keys/{id}", "404", ["key_not_found"] },
        { "patch", "/v1/keys/{id}", "409", ["key_name_taken"] },
        { "post", "/v1/keys/{id}/revoke", "404", ["key_not_found"] },
        { "post", "/v1/keys/{id}/roll", "409", ["key_not_active", "key_name_taken", "key_limit_reached"] },
        { "post", "/v1/keys/{id}/reveal", "401", ["unauthenticated", "invalid_credentials"] },
        { "post", "/v1/keys/{id}/reveal", "409", ["key_not_recoverable"] },
        { "post", "/v1/keys/{id}/reveal", "429", ["too_many_attempts"] },
        { "get", "/v1/chains/{chain}/networks/{network}/apis", "404", ["chain_not_found", "network_not_found"] },
        { "get", "/v1/chains/{chain}/networks/{network}/apis", "409", ["chain_not_available"] },
        { "get", "/v1/usage/summary", "503", ["usage_unavailable"] },
        { "get", "/v1/usage/timeseries", "404", ["key_not_found", "team_not_found"] },
        { "get", "/v1/teams/{teamId}", "404", ["team_not_found"] },
        { "post", "/v1/teams/{teamId}/invitations", "403", ["forbidden_role"] },
        { "post", "/v1/invitations/accept", "403", ["invitation_for_another_account"] },
        { "post", "/v1/invitations/accept", "409", ["invitation_used", "invitation_expired", "already_member"] },
        { "patch", "/v1/teams/{teamId}/members/{accountId}", "409", ["last_owner"] },
        { "delete", "/v1/teams/{teamId}/members/{accountId}", "404", ["team_not_found", "member_not_found"] },
        { "get", "/v1/usage/rejections", "503", ["usage_unavailable"] },
        { "get", "/v1/keys/{id}/usage", "404", ["key_not_found"] },
        { "get", "/v1/keys/{id}/usage", "503", ["usage_unavailable"] },
    };

    [Theory]
    [MemberData(nameof(DeclaredCodes))]
    public void A_dashboard_or_public_error_answer_names_the_codes_it_can_carry(string method, string path, string status, string[] codes)
    {
        var response = fixture.Document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status);
        CodesOf(response).ShouldBe(codes, ignoreOrder: true, $"{method.ToUpperInvariant()} {path} {status}");
        foreach (var code in codes)
            response.GetProperty("description").GetString()!.ShouldContain($"`{code}`");
    }

    [Fact]
    public void Every_dashboard_or_public_error_answer_names_its_codes_and_each_is_a_code_of_the_source_and_of_docs_api_md()
    {
        var source = ApiContractDocTests.ProblemCodesInSource();
        var doc = ApiContractDocTests.ApiDoc();
        var wrong = new List<string>();
        var checkedAnswers = 0;
        foreach (var (path, method, operation) in fixture.Operations().Where(o => !o.Path.StartsWith("/health", StringComparison.Ordinal) && !OperationKinds.IsKeyed(o.Operation)))
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                checkedAnswers++;
                var where = $"{method.ToUpperInvariant()} {path} {response.Name}";
                var codes = CodesOf(response.Value);
                if (codes.Count == 0)
                    wrong.Add($"{where}: names no code");
                foreach (var code in codes.Where(c => !source.Contains(c)))
                    wrong.Add($"{where}: {code} is not a code of the source");
                foreach (var code in codes.Where(c => !doc.Contains($"`{c}`", StringComparison.Ordinal)))
                    wrong.Add($"{where}: {code} is not in docs/api.md");
            }
        checkedAnswers.ShouldBeGreaterThan(40);
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void Every_dashboard_or_public_operation_with_a_body_declares_the_body_refusals()
    {
        var missing = new List<string>();
        foreach (var (path, method, operation) in fixture.Operations().Where(o => o.Operation.TryGetProperty("requestBody", out _)
                     && !OperationKinds.IsKeyed(o.Operation)))
        {
            var responses = operation.GetProperty("responses");
            foreach (var (status, code) in new[] { ("400", "malformed_json"), ("413", "payload_too_large"), ("415", "unsupported_media_type") })
                if (!responses.TryGetProperty(status, out var response) || !CodesOf(response).Contains(code))
                    missing.Add($"{method.ToUpperInvariant()} {path}: {status} {code}");
        }
        missing.ShouldBeEmpty();
    }

    [Fact]
    public void Dashboard_and_public_throttles_and_unavailable_usage_declare_retry_after()
    {
        var wrong = new List<string>();
        var seen = 0;
        foreach (var (path, method, operation) in fixture.Operations().Where(o => !o.Path.StartsWith("/health", StringComparison.Ordinal) && !OperationKinds.IsKeyed(o.Operation)))
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name is "429" or "503"))
            {
                seen++;
                if (!response.Value.TryGetProperty("headers", out var headers) || !headers.TryGetProperty("Retry-After", out var retryAfter)
                    || SharedHeader(retryAfter).GetProperty("schema").GetProperty("type").GetString() != "integer")
                    wrong.Add($"{method.ToUpperInvariant()} {path} {response.Name}: no integer Retry-After");
            }
        seen.ShouldBeGreaterThanOrEqualTo(7); // sign-up, login, reveal; four usage reads
        wrong.ShouldBeEmpty();
    }

    /// <summary>A header declared once under components/headers, followed from the answer's <c>$ref</c>.</summary>
    private JsonElement SharedHeader(JsonElement header)
    {
        var reference = header.GetProperty("$ref").GetString()!;
        reference.ShouldStartWith("#/components/headers/");
        return fixture.Document.GetProperty("components").GetProperty("headers").GetProperty(reference["#/components/headers/".Length..]);
    }

    /// <summary>The codes an error answer names: one example per code, named by it, whose value carries it.</summary>
    internal static List<string> CodesOf(JsonElement response)
    {
        if (!response.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out var media)
            || !media.TryGetProperty("examples", out var examples))
            return [];
        var codes = new List<string>();
        foreach (var example in examples.EnumerateObject())
        {
            var code = example.Value.GetProperty("value").GetProperty("code").GetString()!;
            code.ShouldBe(example.Name);
            codes.Add(code);
        }
        return codes;
    }
}

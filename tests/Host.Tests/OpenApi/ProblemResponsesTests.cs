using System.Text.Json;

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
        // /health answers 503 with its report listing every check (API.md), not with a problem.
        foreach (var (path, method, operation) in fixture.Operations().Where(o => o.Path != "/health"))
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
}

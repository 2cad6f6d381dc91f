using System.Text.Json;

namespace Host.Tests.Security.Support;

/// <summary>What every refused request must look like (docs/api.md, Conventions): RFC 9457 problem details with status, title,
/// detail, a stable snake_case code and a traceId, and nothing from an exception in the body.</summary>
public static class ProblemAssertions
{
    // Stack frames, exception and framework type names, store errors: none of it may reach a client.
    private static readonly string[] LeakMarkers =
        ["Exception", "   at ", "StackTrace", "System.", "Microsoft.", "LiteDB", "Wolverine", "KsQuery.", "JasperFx", "--- End of"];

    public static JsonElement ShouldBeProblem(int actualStatus, string? mediaType, string body, int status, string code, string context)
    {
        actualStatus.ShouldBe(status, $"{context}\n{body}");
        ShouldNotLeak(body, context);
        mediaType.ShouldBe("application/problem+json", $"{context}\n{body}");
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        problem.GetProperty("status").GetInt32().ShouldBe(status, context);
        problem.GetProperty("code").GetString().ShouldBe(code, $"{context}\n{body}");
        problem.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace(context);
        problem.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace(context);
        problem.GetProperty("traceId").GetString().ShouldNotBeNullOrWhiteSpace(context);
        if (status == 400 && code == "validation_failed")
            problem.GetProperty("errors").EnumerateObject().ShouldNotBeEmpty(context);
        return problem;
    }

    public static async Task<JsonElement> ShouldBeProblemAsync(HttpResponseMessage response, int status, string code, string context)
    {
        var body = await response.Content.ReadAsStringAsync();
        return ShouldBeProblem((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, status, code, context);
    }

    public static void ShouldNotLeak(string body, string context)
    {
        foreach (var marker in LeakMarkers)
            body.ShouldNotContain(marker, Case.Sensitive, $"{context}: the answer shows '{marker}'\n{body}");
    }
}

using System.Text.Json.Nodes;
using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Http;

namespace Keys.Tests.Http;

public sealed class ProblemResultTests
{
    [Fact]
    public async Task A_reusable_answer_writes_the_same_problem_as_a_fresh_one_with_each_call_s_trace_id()
    {
        var fresh = await WriteAsync(new ProblemResult(401, "key_invalid", "Unauthorized", "The API key is \"not\" valid."), "0HN:00000001");
        var reusable = new ProblemResult(401, "key_invalid", "Unauthorized", "The API key is \"not\" valid.").Reusable();
        var first = await WriteAsync(reusable, "0HN:00000002");
        var second = await WriteAsync(reusable, "0HN:00000003");

        first.Replace("0HN:00000002", "0HN:00000001").ShouldBe(fresh);
        JsonNode.Parse(second)!["traceId"]!.GetValue<string>().ShouldBe("0HN:00000003");
        JsonNode.Parse(second)!["detail"]!.GetValue<string>().ShouldBe("The API key is \"not\" valid.");
        var odd = await WriteAsync(reusable, "needs \"escaping\"");
        JsonNode.Parse(odd)!["traceId"]!.GetValue<string>().ShouldBe("needs \"escaping\"");
    }

    private static async Task<string> WriteAsync(ProblemResult result, string traceId)
    {
        var context = new DefaultHttpContext { TraceIdentifier = traceId };
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        await context.Response.CompleteAsync(); // as the server does when the request ends
        context.Response.StatusCode.ShouldBe(401);
        context.Response.ContentType.ShouldBe("application/problem+json");
        context.Response.ContentLength.ShouldBeOneOf(null, body.Length);
        return System.Text.Encoding.UTF8.GetString(body.ToArray());
    }
}

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KsQuery.Contracts.Http;

/// <summary>Problem-details answers with the stable <c>code</c> of docs/api.md; <c>traceId</c> is added by the host.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Problem(int status, string code, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult NotFound(string code, string detail) => Problem(404, code, "Not found", detail);

    public static ProblemHttpResult Conflict(string code, string detail) => Problem(409, code, "Conflict", detail);

    public static ProblemHttpResult Unauthorized(string code, string detail) => Problem(401, code, "Unauthorized", detail);

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string detail = "One or more fields are invalid.") =>
        TypedResults.ValidationProblem(errors, detail: detail, title: "Validation failed",
            extensions: new Dictionary<string, object?> { ["code"] = "validation_failed" });

    public static ValidationProblem Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] }, message);

    /// <summary>Writes a problem from middleware or an authentication handler, outside an endpoint.</summary>
    public static Task WriteAsync(HttpContext context, int status, string code, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetService(typeof(IProblemDetailsService)) as IProblemDetailsService;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        return problems is null
            ? context.Response.WriteAsJsonAsync(problem)
            : problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KsQuery.Contracts.Http;

/// <summary>Endpoint metadata: the problem <c>code</c> values the endpoint itself can answer with <paramref name="Status"/>
/// (docs/api.md). The host's OpenAPI document declares each status with its codes; the answers every route of a kind gives
/// (401 <c>unauthenticated</c> on dashboard routes, <c>malformed_json</c>, 413 and 415 on routes with a body) are added
/// there and need not be repeated.</summary>
public sealed record ProblemCodes(int Status, IReadOnlyList<string> Codes);

public static class ProblemCodesExtensions
{
    /// <summary>Declares that the endpoint answers <paramref name="status"/> with one of <paramref name="codes"/>.</summary>
    public static TBuilder Answers<TBuilder>(this TBuilder builder, int status, params string[] codes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProblemCodes(status, codes));

    /// <summary>400 <c>validation_failed</c> with an <c>errors</c> map.</summary>
    public static TBuilder AnswersValidationFailed<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Answers(StatusCodes.Status400BadRequest, "validation_failed");
}

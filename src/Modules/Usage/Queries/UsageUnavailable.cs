using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace KsQuery.Modules.Usage.Queries;

/// <summary>A usage read could not be made exact within <see cref="UsageOptions.ReadTimeout"/>: the counting of calls
/// answered before it is not finished, or the usage store cannot be written.</summary>
internal sealed class UsageUnavailableException(string reason, Exception? inner = null) : Exception(reason, inner);

/// <summary>Answers <see cref="UsageUnavailableException"/> with 503 <c>usage_unavailable</c> and <c>Retry-After</c>.</summary>
internal static class UsageUnavailable
{
    public const string Code = "usage_unavailable";

    public static TBuilder AnswersUsageUnavailable<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (UsageUnavailableException)
            {
                context.HttpContext.Response.Headers[HeaderNames.RetryAfter] = "1";
                return ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, Code, "Service unavailable",
                    "Usage counts are still being brought up to date; try again in a moment.");
            }
        });
        return builder.WithMetadata(new ProblemCodes(StatusCodes.Status503ServiceUnavailable, [Code]), new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable,
            typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
    }
}

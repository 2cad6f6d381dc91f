using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace KsQuery.Modules.Keys.Auth;

internal static class AuthProblems
{
    public static ProblemHttpResult InvalidCredentials() =>
        ApiProblems.Unauthorized("invalid_credentials", "The email or password is not correct.");

    public static ProblemHttpResult AccountDisabled() =>
        ApiProblems.Problem(StatusCodes.Status403Forbidden, "account_disabled", "Account disabled",
            "An operator disabled this account; it cannot log in and its keys are refused until an operator enables it again.");

    /// <summary>429 <c>too_many_attempts</c> with <c>Retry-After</c> in whole seconds.</summary>
    public static ProblemHttpResult TooManyAttempts(HttpContext context, TimeSpan retryAfter)
    {
        (context.RequestServices.GetService(typeof(KeysMetrics)) as KeysMetrics)?.ThrottleRefused(context);
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ApiProblems.Problem(StatusCodes.Status429TooManyRequests, "too_many_attempts", "Too many attempts",
            $"Too many failed attempts; try again in {seconds} seconds.");
    }
}

using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Http;

namespace KsQuery.Modules.Usage.Limits;

/// <summary>Runs after the key check on keyed chain API calls with a verified key: applies the key's rate limit and
/// monthly quota (429 <c>rate_limited</c> / <c>quota_exceeded</c>) and puts the <c>RateLimit-*</c> headers on whatever
/// answer follows.</summary>
internal sealed class KeyLimitsMiddleware(KeyLimits limits, TimeProvider time)
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (KeyedCallFeatures.VerifiedKeyOf(context) is not { } key ||
            KeyedCallFeatures.ChainApiOf(context) is not { } api)
            return next(context);

        // A key of another chain or network is refused by the endpoint (403); it takes no permit and no quota.
        var now = time.GetUtcNow();
        var inScope = string.Equals(key.Chain, api.Chain, StringComparison.Ordinal) && string.Equals(key.Network, api.Network, StringComparison.Ordinal);
        var decision = inScope ? limits.Acquire(key, now) : limits.Peek(key, now);
        RateLimitHeaders.Write(context.Response.Headers, decision);

        if (decision.RefusalCode is not { } code)
            return ServeAsync(context, next, decision);
        KeyedCallFeatures.SetRejection(context, new KeyRejection(code, key.KeyId, key.AccountId, key.Display));
        return new ProblemResult(StatusCodes.Status429TooManyRequests, code, "Too many requests", decision.Detail).ExecuteAsync(context);
    }

    private static async Task ServeAsync(HttpContext context, RequestDelegate next, LimitDecision decision)
    {
        try
        {
            await next(context);
        }
        catch (Exception) when (KeepHeadersOnError(context.Response, decision))
        {
            throw; // never reached: the filter only registers the headers and lets the exception go on
        }
    }

    // The exception handler clears the response before it writes the 500; the headers go back on as it starts.
    private static bool KeepHeadersOnError(HttpResponse response, LimitDecision decision)
    {
        if (!response.HasStarted)
            response.OnStarting(static state =>
            {
                var (response, decision) = ((HttpResponse, LimitDecision))state;
                RateLimitHeaders.Write(response.Headers, decision);
                return Task.CompletedTask;
            }, (response, decision));
        return false;
    }
}

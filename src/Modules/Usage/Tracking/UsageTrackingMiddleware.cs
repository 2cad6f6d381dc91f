using KsQuery.Contracts.Http;
using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Limits;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace KsQuery.Modules.Usage.Tracking;

/// <summary>Runs after authentication and before authorization on keyed chain API calls. For a verified key it applies
/// the rate limit and monthly quota (429 <c>rate_limited</c> / <c>quota_exceeded</c>) and puts the <c>RateLimit-*</c>
/// headers on whatever answer follows. Once the call is answered it adds one <see cref="KeyedCallCompleted"/> to the
/// <see cref="UsageEventBuffer"/> (published in batches) if the key was identified (served or refused), or counts it in <see cref="UnidentifiedRejections"/> if not.
/// Nothing here touches the store.</summary>
internal sealed class UsageTrackingMiddleware(KeyLimits limits, UnidentifiedRejections unidentified, UsageEventBuffer events, TimeProvider time)
{
    private const int MaxUserAgent = 256;
    private const int MaxPath = 512;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var api = context.GetEndpoint()?.Metadata.GetMetadata<ChainApiMetadata>();
        if (api is null)
        {
            await next(context);
            return;
        }

        var at = time.GetUtcNow();
        var started = time.GetTimestamp();
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            if (context.Features.Get<VerifiedKey>() is { } key && await ApplyLimitsAsync(context, api, key, at))
            {
                status = context.Response.StatusCode;
                return;
            }
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            Complete(context, api, status, time.GetElapsedTime(started).TotalMilliseconds, at);
        }
    }

    /// <summary>True when the call was refused here (429 written).</summary>
    private async Task<bool> ApplyLimitsAsync(HttpContext context, ChainApiMetadata api, VerifiedKey key, DateTimeOffset now)
    {
        // A key of another chain or network is refused by the endpoint (403); it takes no permit and no quota.
        var inScope = string.Equals(key.Chain, api.Chain, StringComparison.Ordinal) && string.Equals(key.Network, api.Network, StringComparison.Ordinal);
        var decision = inScope ? limits.Acquire(key, now) : limits.Peek(key, now);
        // On starting, so the headers survive the exception handler clearing the response for a 500.
        context.Response.OnStarting(static state =>
        {
            var (response, decision) = ((HttpResponse, LimitDecision))state;
            RateLimitHeaders.Write(response.Headers, decision);
            return Task.CompletedTask;
        }, (context.Response, decision));

        if (decision.RefusalCode is not { } code)
            return false;
        context.Features.Set(new KeyRejection(code, key.KeyId, key.AccountId, key.Display));
        await new ProblemResult(StatusCodes.Status429TooManyRequests, code, "Too many requests", decision.Detail).ExecuteAsync(context);
        return true;
    }

    private void Complete(HttpContext context, ChainApiMetadata api, int status, double durationMs, DateTimeOffset at)
    {
        var key = context.Features.Get<VerifiedKey>();
        var rejection = context.Features.Get<KeyRejection>();
        var request = context.Request;
        var address = ClientAddress(context);
        KeyedCallCompleted call;
        if (rejection is { KeyId: { } keyId, AccountId: { } accountId })
        {
            var userAgent = UserAgent(request);
            call = new KeyedCallCompleted(keyId, accountId, api.Chain, api.Network, api.ApiId, status, durationMs, at,
                new KeyedCallRejection(rejection.Code, key is not null, rejection.Display ?? key?.Display ?? "", request.Method,
                    Truncate(request.Path.Value ?? "", MaxPath), address, userAgent),
                address, userAgent);
        }
        else if (key is not null)
        {
            call = new KeyedCallCompleted(key.KeyId, key.AccountId, api.Chain, api.Network, api.ApiId, status, durationMs, at,
                ClientAddress: address, UserAgent: UserAgent(request));
        }
        else
        {
            unidentified.Record(rejection?.Code ?? "key_missing", address);
            return;
        }
        events.Add(call);
    }

    private static string? ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress is { } ip
        ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()
        : null;

    private static string? UserAgent(HttpRequest request) =>
        request.Headers[HeaderNames.UserAgent].ToString() is { Length: > 0 } agent ? Truncate(agent, MaxUserAgent) : null;

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}

using KsQuery.Contracts.Http;
using KsQuery.Contracts.Messages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Wolverine;

namespace KsQuery.Modules.Usage.Tracking;

/// <summary>Publishes one <see cref="KeyedCallCompleted"/> for every answered call to a chain API whose key was
/// identified, whether it was served or refused. Runs after authentication and around authorization, so
/// refusals written by the authorization step are seen too.</summary>
internal static class UsageTrackingMiddleware
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var api = context.GetEndpoint()?.Metadata.GetMetadata<ChainApiMetadata>();
        if (api is null)
        {
            await next(context);
            return;
        }

        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var started = time.GetTimestamp();
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            if (Describe(context, api, status, time.GetElapsedTime(started).TotalMilliseconds, time.GetUtcNow()) is { } call)
                await context.RequestServices.GetRequiredService<IMessageBus>().PublishAsync(call);
        }
    }

    private static KeyedCallCompleted? Describe(HttpContext context, ChainApiMetadata api, int status, double durationMs, DateTimeOffset at)
    {
        var key = context.Features.Get<VerifiedKey>();
        var rejection = context.Features.Get<KeyRejection>();
        if (rejection is { KeyId: { } keyId, AccountId: { } accountId })
        {
            var request = context.Request;
            return new KeyedCallCompleted(keyId, accountId, api.Chain, api.Network, api.ApiId, status, durationMs, at,
                new KeyedCallRejection(rejection.Code, key is not null, rejection.Display ?? "", request.Method, request.Path.Value ?? "",
                    context.Connection.RemoteIpAddress?.ToString(), request.Headers[HeaderNames.UserAgent].ToString()));
        }
        return key is null ? null : new KeyedCallCompleted(key.KeyId, key.AccountId, api.Chain, api.Network, api.ApiId, status, durationMs, at);
    }
}

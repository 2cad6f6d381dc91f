using KsQuery.Contracts.Http;
using KsQuery.Contracts.Messages;
using Microsoft.AspNetCore.Http;
using Wolverine;

namespace KsQuery.Modules.Usage.Tracking;

/// <summary>Publishes one <see cref="KeyedCallCompleted"/> for every answered call to a chain API whose key was
/// identified. Runs after authentication and around authorization, so rejections are seen too.</summary>
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

        var time = (TimeProvider)context.RequestServices.GetService(typeof(TimeProvider))!;
        var started = time.GetTimestamp();
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            if (context.Features.Get<VerifiedKey>() is { } key)
            {
                var bus = (IMessageBus)context.RequestServices.GetService(typeof(IMessageBus))!;
                await bus.PublishAsync(new KeyedCallCompleted(
                    key.KeyId, key.AccountId, api.Chain, api.Network, api.ApiId, status,
                    time.GetElapsedTime(started).TotalMilliseconds, time.GetUtcNow()));
            }
        }
    }
}

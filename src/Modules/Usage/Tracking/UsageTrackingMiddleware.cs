using System.Net;
using System.Runtime.CompilerServices;
using KsQuery.Contracts.Http;
using KsQuery.Contracts.Messages;
using KsQuery.Contracts.Text;
using KsQuery.Modules.Usage.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace KsQuery.Modules.Usage.Tracking;

/// <summary>Counts every keyed chain API call, served or refused (by the key check, the limits or the endpoint): once the
/// call is answered it adds one <see cref="KeyedCallCompleted"/> to the <see cref="UsageEventBuffer"/> (published in
/// batches) if the key was identified, or counts it in <see cref="UnidentifiedRejections"/> if not. Nothing here touches
/// the store.</summary>
internal sealed class UsageTrackingMiddleware(UnidentifiedRejections unidentified, UsageEventBuffer events, TimeProvider time,
    UsageMetrics? metrics = null)
{
    private const int MaxUserAgent = 256;
    private const int MaxPath = 512;

    // A connection's address is the same object on each of its requests, and IPAddress keeps its own text once
    // formatted; only an IPv4 address mapped to IPv6 (dual-mode listeners) would be a new object per call, so its
    // plain IPv4 text is kept beside the connection's address.
    private static readonly ConditionalWeakTable<IPAddress, string> MappedAddressTexts = new();

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var api = KeyedCallFeatures.ChainApiOf(context);
        return api is null ? next(context) : TrackAsync(context, next, api);
    }

    private async Task TrackAsync(HttpContext context, RequestDelegate next, ChainApiMetadata api)
    {
        var at = time.GetUtcNow();
        var started = time.GetTimestamp();
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            Complete(context, api, status, time.GetElapsedTime(started).TotalMilliseconds, at);
        }
    }

    private void Complete(HttpContext context, ChainApiMetadata api, int status, double durationMs, DateTimeOffset at)
    {
        metrics?.CallAnswered(api, status, durationMs);
        var key = KeyedCallFeatures.VerifiedKeyOf(context);
        var rejection = KeyedCallFeatures.RejectionOf(context);
        var request = context.Request;
        var address = ClientAddress(context);
        KeyedCallCompleted call;
        if (rejection is { KeyId: { } keyId, AccountId: { } accountId })
        {
            var userAgent = UserAgent(request);
            call = new KeyedCallCompleted(keyId, accountId, api.Chain, api.Network, api.ApiId, status, durationMs, at,
                new KeyedCallRejection(rejection.Code, key is not null, rejection.Display ?? key?.Display ?? "", request.Method,
                    TextCut.AtMost(request.Path.Value ?? "", MaxPath), address, userAgent, rejection.Restriction),
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

    private static string? ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        null => null,
        { IsIPv4MappedToIPv6: true } mapped => MappedAddressTexts.GetValue(mapped, static ip => ip.MapToIPv4().ToString()),
        var ip => ip.ToString(),
    };

    private static string? UserAgent(HttpRequest request) =>
        request.Headers[HeaderNames.UserAgent].ToString() is { Length: > 0 } agent ? TextCut.AtMost(agent, MaxUserAgent) : null;
}

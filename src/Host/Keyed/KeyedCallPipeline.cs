using KsQuery.Contracts.Http;

namespace KsQuery.Host.Keyed;

/// <summary>The keyed chain API calls' own branch of the pipeline: the stages given (usage counting, the key, limits),
/// then the endpoint itself. Dashboard routes go on through the main pipeline's bearer authentication and
/// authorization, which keyed calls do not use; skipping them (and the endpoint middleware's checks for metadata that
/// chain endpoints never carry) is a measured share of the keyed path's throughput (docs/performance.md).</summary>
internal static class KeyedCallPipeline
{
    public static IApplicationBuilder UseKeyedCalls(this IApplicationBuilder app, Action<IApplicationBuilder> stages) =>
        app.MapWhen(IsKeyedCall, keyed =>
        {
            stages(keyed);
            keyed.Run(RunEndpoint);
        });

    private static bool IsKeyedCall(HttpContext context) =>
        KeyedCallFeatures.ChainApiOf(context) is not null;

    private static Task RunEndpoint(HttpContext context) => KeyedCallFeatures.EndpointOf(context)!.RequestDelegate!(context);
}

using KsQuery.Contracts.Http;
using KsQuery.Modules.Chains;
using KsQuery.Modules.Keys.Authentication;

namespace KsQuery.Host.Keyed;

/// <summary>The keyed chain API calls' own branch of the pipeline: the stages given (usage counting, the key, limits),
/// then the endpoint itself. Dashboard routes go on through the main pipeline's bearer authentication and
/// authorization, which keyed calls do not use; skipping them (and the endpoint middleware's checks for metadata that
/// chain endpoints never carry) is a measured share of the keyed path's throughput (docs/performance.md).</summary>
internal static class KeyedCallPipeline
{
    public static IApplicationBuilder UseKeyedCalls(this IApplicationBuilder app, Action<IApplicationBuilder> stages)
    {
        // A path below a served network that routing matched to nothing is a keyed call too, to an API the catalog does
        // not have: it gets its network's endpoint that answers 404 api_not_found after the key checks (docs/api.md).
        var attachUnknownApi = ChainsModule.UnknownApiAttacher(app.ApplicationServices, ApiKeyRequired.Instance);
        return app.MapWhen(context => KeyedCallFeatures.ChainApiOf(context) is not null || attachUnknownApi(context), keyed =>
        {
            stages(keyed);
            keyed.Run(RunEndpoint);
        });
    }

    private static Task RunEndpoint(HttpContext context) => KeyedCallFeatures.EndpointOf(context)!.RequestDelegate!(context);
}

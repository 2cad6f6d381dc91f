using KsQuery.Contracts.Http;
using Microsoft.Net.Http.Headers;

namespace KsQuery.Host.Http;

/// <summary>CORS preflights of chain APIs. A preflight carries no key, so which origins a key allows cannot be known
/// yet: it is answered for any origin, allowing the API's method and the key headers. The real call is what is
/// checked: for a key with origins, its <c>Origin</c> must be one of them and the answer then carries the matching
/// <c>Access-Control-Allow-Origin</c> (docs/api.md, CORS); for a key without, the <c>Cors:AllowedOrigins</c> policy
/// applies as to every other route.</summary>
internal static class ChainApiPreflights
{
    private const string AllowedHeaders = "Authorization, Content-Type, X-Api-Key";
    private const string MaxAgeSeconds = "600";

    public static IApplicationBuilder UseChainApiPreflights(this IApplicationBuilder app) => app.Use(static (context, next) =>
    {
        var request = context.Request;
        if (!HttpMethods.IsOptions(request.Method) ||
            request.Headers.AccessControlRequestMethod.Count == 0 || request.Headers.Origin.Count != 1 ||
            KeyedCallFeatures.ChainApiOf(context) is null)
            return next(context);

        var methods = KeyedCallFeatures.EndpointOf(context)!.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods;
        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = request.Headers.Origin.ToString();
        headers.AccessControlAllowMethods = string.Join(", ", methods);
        headers.AccessControlAllowHeaders = AllowedHeaders;
        headers.AccessControlMaxAge = MaxAgeSeconds;
        headers.Vary = HeaderNames.Origin;
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    });
}

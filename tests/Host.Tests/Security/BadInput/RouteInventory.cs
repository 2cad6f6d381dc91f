using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Host.Tests.Security.BadInput;

/// <summary>The routes a running host serves, read from its <see cref="EndpointDataSource"/>: <c>METHOD /pattern</c>
/// (<c>*</c> for an endpoint that answers every method), without a trailing slash.</summary>
public static class RouteInventory
{
    public static IReadOnlyList<string> Routes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => IsApi(e.RoutePattern.RawText!))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {Normalize(e.RoutePattern.RawText!)}"))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    // The web console's pages and files (`/`, `/keys`, `/assets/...`) are not API routes: tests/Console.Tests covers them.
    private static readonly string[] ApiRoots = ["/v1/", "/health", "/openapi/", "/scalar"];

    private static bool IsApi(string pattern) => ApiRoots.Any(root => pattern.StartsWith(root, StringComparison.Ordinal));

    public static string Normalize(string pattern) => pattern.Length > 1 ? pattern.TrimEnd('/') : pattern;
}

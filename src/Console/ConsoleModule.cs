using KsQuery.WebConsole.Assets;
using KsQuery.WebConsole.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KsQuery.WebConsole;

/// <summary>The KS Query web console: the product's pages in a browser, served by the host from files embedded in this
/// assembly. It calls only the public HTTP API under <c>/v1</c>.</summary>
public static class ConsoleModule
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>Maps the console's pages (<c>/</c>, <c>/keys</c>, ...) and its files under <c>/assets/</c>.</summary>
    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        var assets = ConsoleAssets.Load();
        foreach (var route in ConsolePages.Routes)
        {
            app.MapMethods(route, GetAndHead, context => ConsoleResponses.WriteAsync(context, assets.Page, isPage: true))
                .ExcludeFromDescription();
        }

        app.MapMethods("/assets/{**path}", GetAndHead, context =>
            {
                var path = context.Request.RouteValues["path"] as string;
                if (path is null || assets.Find("assets/" + path) is not { } asset)
                {
                    // An empty 404: the host's status-code problem details fill in the body.
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }
                return ConsoleResponses.WriteAsync(context, asset, isPage: false);
            })
            .ExcludeFromDescription();
        return app;
    }
}

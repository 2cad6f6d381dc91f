using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace KsQuery.WebConsole.Assets;

/// <summary>Writes a console file: revalidated on every use (<c>Cache-Control: no-cache</c> with its ETag, answered 304
/// when unchanged), so a new version of KS Query is picked up at the next load without hashed file names.</summary>
internal static class ConsoleResponses
{
    /// <summary>The policy of the console page: its own scripts, styles and images only; no inline script or style,
    /// no eval, no framing, API calls to this origin only.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static Task WriteAsync(HttpContext context, ConsoleAsset asset, bool isPage)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        // nosniff, no-referrer and DENY framing come with every answer of the host (SecurityHeaders); the page replaces
        // the host's load-nothing policy with its own.
        if (isPage)
            headers.ContentSecurityPolicy = ContentSecurityPolicy;

        if (IsUnchanged(context.Request, asset.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(asset.Content, context.RequestAborted).AsTask();
    }

    private static bool IsUnchanged(HttpRequest request, string etag)
    {
        var ifNoneMatch = request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Count == 0)
            return false;
        var current = new EntityTagHeaderValue(etag);
        return ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
    }
}

using Microsoft.Extensions.Primitives;
using Scalar.AspNetCore;

namespace KsQuery.Host.Http;

/// <summary>Headers that keep browsers from misusing an answer, on every answer keyed calls included: no MIME sniffing,
/// no referrer, never framed, and a Content-Security-Policy. JSON answers get the strictest one (they load nothing);
/// the one HTML page, Scalar at <c>/scalar/v1</c>, may run only its own scripts (served from <c>/scalar/</c>, plus its
/// inline start-up script by a per-request nonce), talk only to this server, and load nothing from elsewhere.</summary>
internal static class SecurityHeaders
{
    public const string ScalarPrefix = "/scalar";

    // Built once: setting them costs the keyed path four header writes and no allocation.
    private static readonly StringValues NoSniff = "nosniff";
    private static readonly StringValues NoReferrer = "no-referrer";
    private static readonly StringValues Deny = "DENY";
    private static readonly StringValues ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>Scalar's page: its scripts and styles are served from /scalar/; the Vue app sets inline styles, shows
    /// data: images and sends "try it" requests and document fetches to this server only.</summary>
    public static string ScalarPolicy(string? nonce) =>
        "default-src 'none'; " +
        $"script-src 'self'{(nonce is null ? "" : $" 'nonce-{nonce}'")}; " +
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(AddAsync);

    /// <summary>Sets the headers; the exception handler calls it again after clearing a failed response.</summary>
    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = NoSniff;
        headers["Referrer-Policy"] = NoReferrer;
        headers.XFrameOptions = Deny;
        if (context.Request.Path.StartsWithSegments(ScalarPrefix))
            context.Response.OnStarting(static state => SetScalarPolicy((HttpContext)state), context);
        else
            headers.ContentSecurityPolicy = ApiPolicy;
    }

    private static Task AddAsync(HttpContext context, RequestDelegate next)
    {
        Apply(context);
        return next(context);
    }

    // The nonce exists once Scalar's endpoint has rendered the page (WithNonce, see ScalarSetup), so the header is set as
    // the answer starts.
    private static Task SetScalarPolicy(HttpContext context)
    {
        var nonce = context.Items.TryGetValue(ScalarOptions.NonceHttpContextItemKey, out var value) ? value as string : null;
        context.Response.Headers.ContentSecurityPolicy = ScalarPolicy(nonce);
        return Task.CompletedTask;
    }
}

using System.Diagnostics;
using System.Text.Json;
using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace KsQuery.Host.Http;

/// <summary>The conventions of docs/api.md: problem details with a stable <c>code</c> and <c>traceId</c> for
/// every error, 64 KiB request bodies, malformed JSON answered as 400 <c>malformed_json</c>.</summary>
internal static class HttpConventions
{
    public const long MaxRequestBodyBytes = 64 * 1024;

    public static IServiceCollection AddHttpConventions(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            problem.Extensions.TryAdd("code", DefaultCode(status));
            problem.Detail ??= DefaultDetail(status, context.HttpContext.Request);
            problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddStrictJson();
        services.AddConfiguredCors();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options =>
        {
            options.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            options.AddServerHeader = false; // no need to tell every caller what serves them
        });
        return services;
    }

    /// <summary>Security headers, exceptions as problem details, the body limit and CORS: first in the pipeline, for every
    /// request.</summary>
    public static WebApplication UseHttpConventions(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.Use(LimitBody);
        app.UseChainApiPreflights(); // before the configured CORS policy: chain APIs answer every origin's preflight
        app.UseConfiguredCors();
        return app;
    }

    /// <summary>Problem details for answers that have no body of their own (404 and 405 of routing, bare 401/403 of
    /// authorization). Keyed chain calls skip it: every answer they give has its body.</summary>
    public static WebApplication UseStatusCodeProblems(this WebApplication app)
    {
        app.UseStatusCodePages();
        return app;
    }

    // Kestrel enforces the limit on the socket; this answers early from the header and covers other servers (tests).
    // Requests without a body (every GET of the keyed path) pass straight through.
    private static Task LimitBody(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.HasBody())
            return next(context);
        if (context.Request.ContentLength > MaxRequestBodyBytes)
            return ApiProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "payload_too_large",
                "Payload too large", $"Request bodies are limited to {MaxRequestBodyBytes / 1024} KiB.");
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
            feature.MaxRequestBodySize = MaxRequestBodyBytes;
        return next(context);
    }

    private static string DefaultDetail(int status, HttpRequest request) => status switch
    {
        404 => $"Nothing is served at {request.Path}.",
        405 => $"{request.Method} is not allowed on {request.Path}.",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };

    private static string DefaultCode(int status) => status switch
    {
        400 => "bad_request",
        401 => "unauthenticated",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        406 => "not_acceptable",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        429 => "too_many_requests",
        503 => "service_unavailable",
        _ => status >= 500 ? "internal_error" : "error",
    };
}

/// <summary>Turns exceptions into problem details without leaking their text.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, title, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: 413 } =>
                (413, "payload_too_large", "Payload too large", $"Request bodies are limited to {HttpConventions.MaxRequestBodyBytes / 1024} KiB."),
            BadHttpRequestException { StatusCode: 415 } =>
                (415, "unsupported_media_type", "Unsupported media type", "Send the body as application/json."),
            BadHttpRequestException { InnerException: JsonException json } =>
                (400, "malformed_json", "Malformed JSON", "The request body is not valid JSON for this operation" +
                    (IsPlainJsonPath(json.Path) ? $" (at {json.Path})." : ".")),
            BadHttpRequestException bad when bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) =>
                (400, "malformed_json", "Malformed JSON", "A JSON request body is required."),
            BadHttpRequestException bad =>
                (bad.StatusCode, "bad_request", "Bad request", "The request could not be read."),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested =>
                (499, "client_closed_request", "Client closed request", "The client went away."),
            _ => (500, "internal_error", "Internal error", "Something went wrong on our side; the traceId identifies it in our logs."),
        };
        if (status == 500)
        {
            // The route pattern and the public key id (never the key) tie the entry to a chain API and a key's owner.
            logger.LogError(exception, "Unhandled exception for {Method} {Path} (route {Route}, key {KeyId})", context.Request.Method,
                context.Request.Path, (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText, KeyedCallFeatures.VerifiedKeyOf(context)?.KeyId);
        }

        context.Response.StatusCode = status;
        SecurityHeaders.Apply(context); // the exception handler cleared the failed response's headers
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    // The JSON path of the offending value ($.rateLimitPerSecond) helps the caller; it names the caller's own fields, and
    // anything else (an odd property name of theirs, a long path) is left out.
    private static bool IsPlainJsonPath(string? path) =>
        path is { Length: > 1 and <= 100 } && path[0] == '$' && !path.AsSpan().ContainsAnyExcept(JsonPathChars);

    private static readonly System.Buffers.SearchValues<char> JsonPathChars =
        System.Buffers.SearchValues.Create("$.[]0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_");
}

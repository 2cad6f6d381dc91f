using Microsoft.AspNetCore.Http;

namespace KsQuery.Contracts.Http;

public static class RequestBody
{
    /// <summary>Whether the request carries a body: a non-zero Content-Length or a chunked (Transfer-Encoding) one.</summary>
    public static bool HasBody(this HttpRequest request) =>
        request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.ContainsKey("Transfer-Encoding"));
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KsQuery.Contracts.Http;

/// <summary>The request being served on the current flow of execution, for the few readers that are not handed it: the
/// request scope of a log entry and the client address of an audit entry. ASP.NET Core's <c>IHttpContextAccessor</c> does
/// the same, but while it is registered the server gives every request a newly allocated <see cref="HttpContext"/>
/// instead of resetting its connection's, about 40 % of a keyed call's allocations (docs/performance.md).</summary>
public static class CurrentRequest
{
    private static readonly AsyncLocal<Holder?> Current = new();

    /// <summary>The request, or null outside of one (and after it ended, in work it left behind).</summary>
    public static HttpContext? Context => Current.Value?.Context;

    /// <summary>First in the pipeline: everything after it, and what it starts, sees the request.</summary>
    public static IApplicationBuilder UseCurrentRequest(this IApplicationBuilder app) => app.Use(TrackAsync);

    private static async Task TrackAsync(HttpContext context, RequestDelegate next)
    {
        var holder = new Holder(context);
        Current.Value = holder;
        try
        {
            await next(context);
        }
        finally
        {
            // The server reuses the context for the connection's next request; work that outlives this one (and so still
            // sees the holder) must not read that request as its own.
            holder.Context = null;
        }
    }

    private sealed class Holder(HttpContext context)
    {
        public HttpContext? Context = context;
    }
}

using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace KsQuery.Modules.Chains.Calls;

/// <summary>Writes a plugin's value with the plugin's own source-generated type info (straight to the response's
/// pipe writer, as the framework's own JSON results do).</summary>
internal sealed class PluginJsonResult(object? value, JsonTypeInfo typeInfo) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        return httpContext.Response.WriteAsJsonAsync(value, typeInfo, "application/json; charset=utf-8", httpContext.RequestAborted);
    }
}

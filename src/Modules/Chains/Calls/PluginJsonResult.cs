using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace KsQuery.Modules.Chains.Calls;

/// <summary>Writes a plugin's value with the plugin's own source-generated type info.</summary>
internal sealed class PluginJsonResult(object? value, JsonTypeInfo typeInfo) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(httpContext.Response.Body, value, typeInfo, httpContext.RequestAborted);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace KsQuery.Modules.Chains.Calls;

/// <summary>Writes a plugin's value with the plugin's own source-generated type info, serialized synchronously straight
/// into the response's pipe (answers are small and already in memory) and flushed once.</summary>
internal sealed class PluginJsonResult(object? value, JsonTypeInfo typeInfo) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        var options = typeInfo.Options;
        using (var json = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions
               {
                   Encoder = options.Encoder, Indented = options.WriteIndented, MaxDepth = options.MaxDepth, SkipValidation = true,
               }))
        {
            JsonSerializer.Serialize(json, value, typeInfo);
        }
        var flush = response.BodyWriter.FlushAsync(httpContext.RequestAborted);
        return flush.IsCompletedSuccessfully ? Task.CompletedTask : flush.AsTask();
    }
}

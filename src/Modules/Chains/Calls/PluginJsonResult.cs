using System.Buffers;
using System.Text.Json;
using KsQuery.Plugins.Abstractions;
using Microsoft.AspNetCore.Http;

namespace KsQuery.Modules.Chains.Calls;

/// <summary>Writes a plugin's value with the plugin's own source-generated type info. The answer is serialized
/// synchronously into a per-thread buffer first (answers are small and already in memory), so it goes out with a
/// <c>Content-Length</c> instead of chunked, in the one write Kestrel makes when the request ends. A shared answer
/// (<see cref="ApiResult.Shared{T}"/>, the same instance for many calls) is serialized once and its bytes written as they are.</summary>
internal sealed class PluginJsonResult(ApiResult result) : IResult
{
    public ApiResult Result => result;

    // Buffers that grew past this for one large answer are not kept by the thread.
    private const int KeptBufferBytes = 64 * 1024;

    // One buffer and writer per thread: serialization is synchronous, so a thread writes one answer at a time, and a
    // writer per call was a measurable share of the keyed path's allocations.
    [ThreadStatic] private static ThreadBuffer? t_buffer;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        if (result.IsShared)
        {
            var json = result.Json.Span;
            response.ContentLength = json.Length;
            response.BodyWriter.Write(json);
            return Task.CompletedTask;
        }
        var typeInfo = result.TypeInfo!;
        var buffer = ThreadBuffer.For(typeInfo.Options);
        try
        {
            JsonSerializer.Serialize(buffer.Json, result.Value, typeInfo);
            buffer.Json.Flush();
            response.ContentLength = buffer.Output.WrittenCount;
            response.BodyWriter.Write(buffer.Output.WrittenSpan);
        }
        finally
        {
            buffer.Release();
        }
        return Task.CompletedTask;
    }

    private sealed class ThreadBuffer
    {
        private ThreadBuffer(JsonSerializerOptions options)
        {
            Options = options;
            Json = new Utf8JsonWriter(Output, new JsonWriterOptions
            {
                Encoder = options.Encoder, Indented = options.WriteIndented, MaxDepth = options.MaxDepth, SkipValidation = true,
            });
        }

        public ArrayBufferWriter<byte> Output { get; } = new(1024);

        public Utf8JsonWriter Json { get; }

        private JsonSerializerOptions Options { get; }

        public static ThreadBuffer For(JsonSerializerOptions options) =>
            t_buffer is { } buffer && ReferenceEquals(buffer.Options, options) ? buffer : t_buffer = new ThreadBuffer(options);

        /// <summary>Ready for the next answer (also after a failed one).</summary>
        public void Release()
        {
            if (Output.Capacity > KeptBufferBytes)
            {
                t_buffer = null;
                return;
            }
            Output.ResetWrittenCount();
            Json.Reset();
        }
    }
}

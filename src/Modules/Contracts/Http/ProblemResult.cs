using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace KsQuery.Contracts.Http;

/// <summary>A problem-details answer written straight to the response, with the same fields the host's problem-details
/// service produces (<c>type, title, status, detail, code, traceId</c> and, for 400, <c>errors</c>). Used on the keyed
/// path, where a flood of refused calls must cost less than the calls it competes with.</summary>
/// <param name="extension">One more member of the problem, written before <c>code</c> (<c>restriction</c> of a
/// <c>key_restricted</c> answer).</param>
public sealed class ProblemResult(int status, string code, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null,
    (string Name, string Value)? extension = null) : IResult
{
    // Everything before the trace id, encoded once, for answers kept and reused (see Reusable).
    private byte[]? _prefix;

    /// <summary>Marks this answer as kept and given over and over (a flood of bad keys): its JSON is encoded now and
    /// only the trace id is written per call.</summary>
    public ProblemResult Reusable()
    {
        _prefix ??= Prefix();
        return this;
    }

    /// <summary>When set, the answer carries <c>Retry-After</c> in whole seconds, rounded up, at least 1.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        if (RetryAfter is { } retryAfter)
            response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.ContentType = "application/problem+json";
        var traceId = Activity.Current?.Id ?? httpContext.TraceIdentifier;
        if (_prefix is null || !IsPlain(traceId))
            return WriteAsync(httpContext, traceId);

        // A plain trace id is one byte a character, so the length is known before writing: the answer goes out with a
        // Content-Length in Kestrel's one write at the end of the request.
        var length = _prefix.Length + traceId.Length + 2;
        response.ContentLength = length;
        var writer = response.BodyWriter;
        var span = writer.GetSpan(length);
        _prefix.CopyTo(span);
        System.Text.Encoding.ASCII.GetBytes(traceId, span[_prefix.Length..]);
        span[length - 2] = (byte)'"';
        span[length - 1] = (byte)'}';
        writer.Advance(length);
        return Task.CompletedTask;
    }

    private byte[] Prefix()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
            Write(json, traceId: "");
        // Drop the closing `"}` of the empty trace id: the real one is written in its place.
        return buffer.WrittenSpan[..^2].ToArray();
    }

    // Trace ids are W3C or Kestrel connection ids; anything that would need JSON escaping takes the general path.
    private static bool IsPlain(string traceId) =>
        !traceId.AsSpan().ContainsAnyExcept(PlainTraceIdChars);

    private static readonly System.Buffers.SearchValues<char> PlainTraceIdChars =
        System.Buffers.SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-:.|_");

    private async Task WriteAsync(HttpContext httpContext, string traceId)
    {
        var response = httpContext.Response;
        await using (var json = new Utf8JsonWriter(response.BodyWriter))
            Write(json, traceId);
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    private void Write(Utf8JsonWriter json, string traceId)
    {
        json.WriteStartObject();
        json.WriteString("type", TypeOf(status));
        json.WriteString("title", title);
        json.WriteNumber("status", status);
        json.WriteString("detail", detail);
        if (errors is not null)
        {
            json.WriteStartObject("errors");
            foreach (var (field, messages) in errors)
            {
                json.WriteStartArray(field);
                foreach (var message in messages)
                    json.WriteStringValue(message);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        if (extension is { } member)
            json.WriteString(member.Name, member.Value);
        json.WriteString("code", code);
        json.WriteString("traceId", traceId);
        json.WriteEndObject();
    }

    private static string TypeOf(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        501 => "https://tools.ietf.org/html/rfc9110#section-15.6.2",
        502 => "https://tools.ietf.org/html/rfc9110#section-15.6.3",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "about:blank",
    };
}

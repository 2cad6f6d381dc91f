using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace KsQuery.Contracts.Http;

/// <summary>A problem-details answer written straight to the response, with the same fields the host's problem-details
/// service produces (<c>type, title, status, detail, code, traceId</c> and, for 400, <c>errors</c>). Used on the keyed
/// path, where a flood of refused calls must cost less than the calls it competes with.</summary>
public sealed class ProblemResult(int status, string code, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = "application/problem+json";
        await using (var json = new Utf8JsonWriter(response.BodyWriter))
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
            json.WriteString("code", code);
            json.WriteString("traceId", Activity.Current?.Id ?? httpContext.TraceIdentifier);
            json.WriteEndObject();
        }
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
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

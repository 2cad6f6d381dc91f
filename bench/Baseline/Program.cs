using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Primitives;

// The baseline of bench/run: bare Kestrel answering the same JSON bodies KS Query answers (captured from it by the
// runner), serialized per request like KS Query does, with no authentication, rate limiting or usage counting.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

JsonElement Load(string variable) =>
    JsonDocument.Parse(File.ReadAllText(Environment.GetEnvironmentVariable(variable)
        ?? throw new InvalidOperationException($"{variable} is not set"))).RootElement.Clone();

var network = Load("BASELINE_NETWORK_JSON");
var block = Load("BASELINE_BLOCK_JSON");
var unauthorized = Load("BASELINE_UNAUTHORIZED_JSON");

app.MapGet("/network", () => Results.Json(network, BaselineJson.Default.JsonElement));
// The fair baseline (issue 20): the same bytes written the way KS Query writes them, serialized once, with Content-Length,
// and with the headers KS Query's answer carries (captured from it by the runner: security headers, RateLimit-*, ...).
var fairNetwork = FairAnswer.Of(network, "application/json; charset=utf-8", 200, Headers("BASELINE_NETWORK_HEADERS"));
var fairUnauthorized = FairAnswer.Of(unauthorized, "application/problem+json", 401, Headers("BASELINE_UNAUTHORIZED_HEADERS"));
app.MapGet("/fair/network", fairNetwork.WriteAsync);
app.MapGet("/fair/unauthorized", fairUnauthorized.WriteAsync);
app.MapGet("/blocks/{number:long}", (long number) => Results.Json(block, BaselineJson.Default.JsonElement));
app.MapGet("/unauthorized", () => Results.Json(unauthorized, BaselineJson.Default.JsonElement, "application/problem+json", 401));
app.Run();

// "Name: value" lines; none when the variable is unset (the benches that start the baseline without them).
static (string Name, StringValues Value)[] Headers(string variable) =>
    Environment.GetEnvironmentVariable(variable) is { } path
        ? File.ReadAllLines(path).Select(line => line.Split(':', 2)).Where(parts => parts.Length == 2)
            .Select(parts => (parts[0], new StringValues(parts[1].Trim()))).ToArray()
        : [];

internal sealed record FairAnswer(byte[] Body, string ContentType, int Status, (string Name, StringValues Value)[] Headers)
{
    public static FairAnswer Of(JsonElement json, string contentType, int status, (string Name, StringValues Value)[] headers) =>
        new(JsonSerializer.SerializeToUtf8Bytes(json, BaselineJson.Default.JsonElement), contentType, status, headers);

    public Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = Status;
        response.ContentType = ContentType;
        response.ContentLength = Body.Length;
        foreach (var (name, value) in Headers)
            response.Headers[name] = value;
        response.BodyWriter.Write(Body);
        return Task.CompletedTask;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonElement))]
internal sealed partial class BaselineJson : System.Text.Json.Serialization.JsonSerializerContext;

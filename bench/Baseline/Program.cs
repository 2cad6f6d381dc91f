using System.Buffers;
using System.Text.Json;

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
// The fair baseline (issue 20): the same bytes written the way KS Query writes them, serialized once, with Content-Length.
var fairNetwork = FairAnswer.Of(network, "application/json; charset=utf-8", 200);
var fairUnauthorized = FairAnswer.Of(unauthorized, "application/problem+json", 401);
app.MapGet("/fair/network", fairNetwork.WriteAsync);
app.MapGet("/fair/unauthorized", fairUnauthorized.WriteAsync);
app.MapGet("/blocks/{number:long}", (long number) => Results.Json(block, BaselineJson.Default.JsonElement));
app.MapGet("/unauthorized", () => Results.Json(unauthorized, BaselineJson.Default.JsonElement, "application/problem+json", 401));
app.Run();

internal sealed record FairAnswer(byte[] Body, string ContentType, int Status)
{
    public static FairAnswer Of(JsonElement json, string contentType, int status) =>
        new(JsonSerializer.SerializeToUtf8Bytes(json, BaselineJson.Default.JsonElement), contentType, status);

    public Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = Status;
        response.ContentType = ContentType;
        response.ContentLength = Body.Length;
        response.BodyWriter.Write(Body);
        return Task.CompletedTask;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonElement))]
internal sealed partial class BaselineJson : System.Text.Json.Serialization.JsonSerializerContext;

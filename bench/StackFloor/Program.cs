using JasperFx.CodeGeneration;
using Konscious.Security.Cryptography;
using LiteDB;
using OpenTelemetry.Metrics;
using Wolverine;

// The floor of KS Query's stack for bench/run --memory (issue 20, targets 4 and 5): the packages of the design card, each
// doing the least KS Query needs of it, added one at a time by the letters of FLOOR_STAGE, so that the start to the first
// 200 and the resident memory of each layer can be read beside KS Query's own:
//   (none) bare Kestrel (WebApplication.CreateSlimBuilder)    F  WebApplication.CreateBuilder, as KS Query
//   O  OpenTelemetry metrics with the Prometheus endpoint     W  Wolverine, static code (no handlers)
//   L  a LiteDB file opened, one indexed collection read      A  one Argon2id hash (KS Query's settings) on the first call
var stage = Environment.GetEnvironmentVariable("FLOOR_STAGE") ?? "";
var builder = stage.Contains('F') ? WebApplication.CreateBuilder(args) : WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
if (stage.Contains('O'))
    builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddPrometheusExporter());
if (stage.Contains('W'))
    builder.Host.UseWolverine(options => options.CodeGeneration.TypeLoadMode = TypeLoadMode.Static);

LiteDatabase? database = null;
if (stage.Contains('L'))
{
    var directory = Environment.GetEnvironmentVariable("FLOOR_DATA") ?? throw new InvalidOperationException("FLOOR_DATA is not set");
    database = new LiteDatabase(Path.Combine(directory, "floor.db"));
    var items = database.GetCollection<Item>("items");
    items.EnsureIndex(i => i.Name);
    if (items.Count() == 0)
        items.Insert(new Item { Name = "network", Count = 1 });
}

var app = builder.Build();
if (stage.Contains('O'))
    app.MapPrometheusScrapingEndpoint();
var hashed = 0;
app.MapGet("/network", () =>
{
    if (stage.Contains('A') && Interlocked.Exchange(ref hashed, 1) == 0)
    {
        using var argon2 = new Argon2id(new byte[24]) { Salt = new byte[16], MemorySize = 19456, Iterations = 2, DegreeOfParallelism = 1 };
        argon2.GetBytes(32);
    }
    var item = database?.GetCollection<Item>("items").FindOne(i => i.Name == "network");
    return Results.Json(new Answer("floor", item?.Count ?? 0), FloorJson.Default.Answer);
});
app.Run();

internal sealed class Item
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public int Count { get; set; }
}

internal sealed record Answer(string Name, int Count);

[System.Text.Json.Serialization.JsonSerializable(typeof(Answer))]
internal sealed partial class FloorJson : System.Text.Json.Serialization.JsonSerializerContext;

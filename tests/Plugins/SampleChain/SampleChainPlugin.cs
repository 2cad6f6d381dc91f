using System.Text.Json.Serialization;
using KsQuery.Plugins.Abstractions;
using SampleChain;

[assembly: ChainPlugin(typeof(SampleChainPlugin))]

namespace SampleChain;

/// <summary>The sample of docs/plugins.md: a tiny chain with a status API, a path parameter with a pattern,
/// a paged list and a POST with a JSON body. The host does not reference it; tests drop it into plugins/.</summary>
public sealed class SampleChainPlugin : IChainPlugin
{
    private PluginContext? _context;

    public ChainDescriptor Descriptor { get; } = new(
        Id: "sample",
        Name: "Sample Chain",
        ContractVersion: PluginContract.Version,
        Networks:
        [
            new NetworkDescriptor("devnet", "Dev Net", IsTest: true, Aliases: ["DEV"], Apis:
            [
                new ApiDescriptor("status", "Status", "Network", ApiMethod.Get, "status", "Height and name of the network", [],
                    ExampleResponse: """{"network":"devnet","height":42}"""),
                new ApiDescriptor("word", "Word", "Words", ApiMethod.Get, "words/{word}", "One word, if the chain knows it",
                    [new ApiParameter("word", ParameterLocation.Path, ParameterType.String, true, "A lower-case word", Pattern: "^[a-z]{1,20}$")],
                    ExampleResponse: """{"word":"alpha","length":5}""",
                    Response: new ApiResponse(SampleJson.Default.Word, "SampleWord", "A word the chain knows."),
                    Failures: [new ApiFailure(404, "word_not_found", "The chain does not know the word.")]),
                new ApiDescriptor("sum", "Sum", "Math", ApiMethod.Post, "sum", "Adds the numbers of the body", [],
                    Body: new ApiBody("{ numbers: [int] }", """{"numbers":[1,2,3]}"""),
                    ExampleResponse: """{"sum":6}"""),
            ]),
        ]);

    private long _height = 42;

    public ValueTask StartAsync(PluginContext context, CancellationToken cancellationToken)
    {
        var height = context.Setting("Height", "42")!;
        if (!long.TryParse(height, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _height)
            || _height is < 0 or > 1_000_000_000)
            throw new PluginSettingsException("Height", $"must be an integer from 0 to 1000000000; got '{height}'.");
        _context = context;
        context.Log(PluginLogLevel.Information, "sample chain started");
        return ValueTask.CompletedTask;
    }

    public ValueTask<ApiResult> ExecuteAsync(ApiCall call, CancellationToken cancellationToken) => ValueTask.FromResult(call.ApiId switch
    {
        "status" => ApiResult.Ok(new Status(call.NetworkId, _height), SampleJson.Default.Status),
        "word" => Words.Contains(call.Get("word"))
            ? ApiResult.Ok(new Word(call.Get("word")!, call.Get("word")!.Length), SampleJson.Default.Word)
            : ApiResult.Fail(ApiError.NotFound("word_not_found", $"The chain does not know '{call.Get("word")}'.")),
        "sum" => Sum(call),
        _ => ApiResult.Fail(ApiError.NotFound("api_not_found", call.ApiId)),
    });

    private static ApiResult Sum(ApiCall call)
    {
        if (call.Body is not { } body || !body.TryGetProperty("numbers", out var numbers) || numbers.ValueKind != System.Text.Json.JsonValueKind.Array)
            return ApiResult.Fail(ApiError.Invalid("numbers", "numbers must be an array of integers."));
        long sum = 0;
        foreach (var number in numbers.EnumerateArray())
        {
            if (!number.TryGetInt64(out var value))
                return ApiResult.Fail(ApiError.Invalid("numbers", "numbers must be an array of integers."));
            sum += value;
        }
        return ApiResult.Ok(new Total(sum), SampleJson.Default.Total);
    }

    private static readonly HashSet<string?> Words = ["alpha", "beta", "gamma"];

    /// <summary>A word this chain knows, so the docs' "Test Request" answers 200.</summary>
    public IReadOnlyDictionary<string, ApiExample> GetExamples(string networkId) => new Dictionary<string, ApiExample>
    {
        ["word"] = new(new Dictionary<string, string> { ["word"] = "gamma" }, Response: """{"word":"gamma","length":5}"""),
    };

    public ValueTask<PluginHealth> CheckHealthAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(_context is null ? PluginHealth.Failing("not started") : PluginHealth.Ok());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

public sealed record Status(string Network, long Height);

public sealed record Word(string Value, int Length);

public sealed record Total(long Sum);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Status))]
[JsonSerializable(typeof(Word))]
[JsonSerializable(typeof(Total))]
internal sealed partial class SampleJson : JsonSerializerContext;

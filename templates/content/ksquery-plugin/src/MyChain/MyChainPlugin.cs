using System.Globalization;
using System.Text.Json;
using KsQuery.Plugins.Abstractions;
using MyChain;

// The host looks for this attribute in plugins/MyChain/MyChain.dll and creates the type with its parameterless constructor.
[assembly: ChainPlugin(typeof(MyChainPlugin))]

namespace MyChain;

/// <summary>The chain plugin: describes the chain (<see cref="MyChainCatalog"/>) and answers validated calls from a
/// small deterministic ledger. Replace <see cref="Ledger"/> with your chain's client.</summary>
public sealed class MyChainPlugin : IChainPlugin
{
    private Ledger? _ledger;

    public ChainDescriptor Descriptor { get; } = MyChainCatalog.Describe();

    /// <summary>Reads the settings (<c>Plugins:examplechain:Height</c> in the host's configuration) and opens the data.
    /// A wrong setting throws <see cref="PluginSettingsException"/>: the host reports it with the full key.</summary>
    public ValueTask StartAsync(PluginContext context, CancellationToken cancellationToken)
    {
        var text = context.Setting("Height", "100")!;
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var height) || height is < 1 or > 1_000_000)
            throw new PluginSettingsException("Height", $"must be an integer from 1 to 1000000; got '{text}'.");
        _ledger = new Ledger(height);
        context.Log(PluginLogLevel.Information, $"MyChain started at height {height} (data folder {context.DataDirectory})");
        return ValueTask.CompletedTask;
    }

    public ValueTask<ApiResult> ExecuteAsync(ApiCall call, CancellationToken cancellationToken)
    {
        if (_ledger is not { } ledger)
            return ValueTask.FromResult(ApiResult.Fail(ApiError.Upstream("The chain is not started.", unavailable: true)));
        return ValueTask.FromResult(call.ApiId switch
        {
            MyChainCatalog.BlockApi => Block(ledger, call.GetInt64("number")),
            MyChainCatalog.RangeApi => Range(ledger, call.Body),
            _ => ApiResult.Fail(ApiError.NotFound("api_not_found", $"No API '{call.ApiId}'.")),
        });
    }

    private static ApiResult Block(Ledger ledger, long number) =>
        ledger.Block(number) is { } block
            ? ApiResult.Ok(block, MyChainJson.Default.BlockDto)
            : ApiResult.Fail(ApiError.NotFound(MyChainCatalog.BlockNotFound, $"No block {number}: the height is {ledger.Height}."));

    private static ApiResult Range(Ledger ledger, JsonElement? body)
    {
        RangeQueryDto? query;
        try
        {
            query = body?.Deserialize(MyChainJson.Default.RangeQueryDto);
        }
        catch (JsonException)
        {
            query = null;
        }
        if (query is null)
            return ApiResult.Fail(ApiError.Invalid("from", "The body must be {\"from\": <block number>, \"to\": <block number>}."));
        if (query.From < 1 || query.To < query.From || query.To - query.From >= MyChainCatalog.MaxRange)
            return ApiResult.Fail(ApiError.Invalid("to", $"from must be at least 1 and to from 'from' to 'from' + {MyChainCatalog.MaxRange - 1}."));
        if (query.To > ledger.Height)
            return ApiResult.Fail(ApiError.NotFound(MyChainCatalog.BlockNotFound, $"No block {query.To}: the height is {ledger.Height}."));
        var blocks = new List<BlockDto>();
        for (var number = query.From; number <= query.To; number++)
            blocks.Add(ledger.Block(number)!);
        return ApiResult.Ok(new BlockRangeDto(blocks), MyChainJson.Default.BlockRangeDto);
    }

    /// <summary>Calls that succeed on the running ledger, shown as the examples of the catalog and the OpenAPI document.</summary>
    public IReadOnlyDictionary<string, ApiExample> GetExamples(string networkId)
    {
        if (_ledger is not { } ledger)
            return new Dictionary<string, ApiExample>();
        var top = ledger.Block(ledger.Height)!;
        var first = ledger.Block(1)!;
        return new Dictionary<string, ApiExample>
        {
            [MyChainCatalog.BlockApi] = new(
                new Dictionary<string, string> { ["number"] = top.Number.ToString(CultureInfo.InvariantCulture) },
                Response: JsonSerializer.Serialize(top, MyChainJson.Default.BlockDto)),
            [MyChainCatalog.RangeApi] = new(
                new Dictionary<string, string>(),
                Body: """{"from":1,"to":1}""",
                Response: JsonSerializer.Serialize(new BlockRangeDto([first]), MyChainJson.Default.BlockRangeDto)),
        };
    }

    public ValueTask<PluginHealth> CheckHealthAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(_ledger is { } ledger ? PluginHealth.Ok($"height {ledger.Height}") : PluginHealth.Failing("not started"));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

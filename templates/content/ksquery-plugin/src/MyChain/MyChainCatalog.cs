using KsQuery.Plugins.Abstractions;

namespace MyChain;

/// <summary>The chain, its network and its APIs as the host publishes them: routes, the catalog, the OpenAPI document.</summary>
public static class MyChainCatalog
{
    public const string ChainId = "examplechain";
    public const string NetworkId = "testnet";
    public const string BlockApi = "block";
    public const string RangeApi = "block-range";
    public const string BlockNotFound = "block_not_found";
    public const int MaxRange = 100;

    private const string BlockExample = """{"number":1,"hash":"0x…","time":"2025-01-01T00:00:10+00:00"}""";

    public static ChainDescriptor Describe() => new(
        Id: ChainId,
        Name: "MyChain",
        ContractVersion: PluginContract.Version,
        Networks:
        [
            new NetworkDescriptor(NetworkId, "Test Net", IsTest: true, Apis:
            [
                new ApiDescriptor(BlockApi, "Block by number", "Blocks", ApiMethod.Get, "blocks/{number}",
                    "One block by its number.",
                    [new ApiParameter("number", ParameterLocation.Path, ParameterType.Integer, Required: true, "The block number, from 1.", Minimum: 1)],
                    ExampleResponse: BlockExample,
                    Response: new ApiResponse(MyChainJson.Default.BlockDto, "MyChainBlock", "A block of the chain."),
                    Failures: [new ApiFailure(404, BlockNotFound, "No block has that number yet.")]),
                new ApiDescriptor(RangeApi, "Blocks in a range", "Blocks", ApiMethod.Post, "blocks/range",
                    $"The blocks from 'from' to 'to', at most {MaxRange}.",
                    [],
                    Body: new ApiBody("{ from: block number, to: block number }", """{"from":1,"to":2}"""),
                    ExampleResponse: $$"""{"blocks":[{{BlockExample}}]}""",
                    Response: new ApiResponse(MyChainJson.Default.BlockRangeDto, "MyChainBlockRange", "Consecutive blocks."),
                    Failures:
                    [
                        new ApiFailure(400, "validation_failed", $"The body is not a range of at most {MaxRange} blocks from 1."),
                        new ApiFailure(404, BlockNotFound, "The range ends above the height."),
                    ]),
            ]),
        ])
    {
        ContractMinorVersion = PluginContract.MinorVersion,
    };
}

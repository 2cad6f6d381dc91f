using System.Net;
using Host.Tests.Support;

namespace Evm.Anvil.Tests.Support;

/// <summary>Two Anvil nodes, one with Sepolia's chain id (11155111) serving ethereum/sepolia and one with BNB Smart Chain
/// testnet's (97) serving binance/testnet, the test token and transfers on the first, a host pointed at both, and one
/// signed-in account with a key scoped to each network. Shared by the tests of a class; they only read.</summary>
public sealed class EvmFixture : IAsyncLifetime
{
    public const long SepoliaChainId = 11155111;
    public const long BscTestnetChainId = 97;
    private readonly TempDirectory _data = new();

    public AnvilNode Sepolia { get; private set; } = null!;
    public AnvilNode BscTestnet { get; private set; } = null!;
    public TestChain Chain { get; private set; } = null!;
    public IAlbaHost Host { get; private set; } = null!;
    public ApiClient Api { get; private set; } = null!;
    public string Token { get; private set; } = "";
    public string SepoliaKey { get; private set; } = "";
    public string BscKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!Anvil.IsAvailable && !Anvil.IsRequired)
            return; // skipped tests need no node; with KSQ_REQUIRE_ANVIL=1 they run and fail here on Anvil's message
        Sepolia = await AnvilNode.StartAsync(SepoliaChainId);
        BscTestnet = await AnvilNode.StartAsync(BscTestnetChainId);
        Chain = await TestChain.SetUpAsync(Sepolia.Rpc);
        await TestChain.SendAsync(BscTestnet.Rpc, new() { ["from"] = TestChain.Deployer, ["to"] = TestChain.Bob, ["value"] = "0x3e8" });

        Host = await EvmHost.StartAsync(_data.Path, new Dictionary<string, string?>
        {
            [EvmHost.RpcUrlSetting("ethereum", "sepolia")] = Sepolia.Url.ToString(),
            [EvmHost.RpcUrlSetting("binance", "testnet")] = BscTestnet.Url.ToString(),
        });
        Api = new ApiClient(Host);
        Token = await Api.SignUpAndLogInAsync("evm@example.com");
        SepoliaKey = (await CreateKeyAsync("sepolia", "ethereum", "sepolia")).Key;
        BscKey = (await CreateKeyAsync("bsc-testnet", "binance", "testnet")).Key;
    }

    /// <summary>A key of the fixture's account scoped to one network; (id, plaintext).</summary>
    public async Task<(string Id, string Key)> CreateKeyAsync(string name, string chain, string network)
    {
        var (status, body, _) = await Api.PostAsync("/v1/keys", new { name, chain, network, rateLimitPerSecond = 100_000 }, Token);
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
            await Host.DisposeAsync();
        if (Sepolia is not null)
            await Sepolia.DisposeAsync();
        if (BscTestnet is not null)
            await BscTestnet.DisposeAsync();
        _data.Dispose();
    }
}

/// <summary>The test classes that share one <see cref="EvmFixture"/> (two nodes and a host, started once).</summary>
[CollectionDefinition(Name)]
public sealed class EvmCollection : ICollectionFixture<EvmFixture>
{
    public const string Name = "evm";
}

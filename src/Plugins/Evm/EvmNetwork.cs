namespace KsQuery.Plugins.Evm;

/// <summary>One network the plugin serves and the chain id its upstream must answer to <c>eth_chainId</c>.</summary>
internal sealed record EvmNetwork(string Id, string Name, bool IsTest, long ChainId);

/// <summary>A chain the plugin serves.</summary>
internal sealed record EvmChain(string Id, string Name, IReadOnlyList<EvmNetwork> Networks)
{
    public static readonly EvmChain Ethereum = new("ethereum", "Ethereum",
    [
        new EvmNetwork("mainnet", "Mainnet", false, 1),
        new EvmNetwork("sepolia", "Sepolia", true, 11155111),
    ]);

    public static readonly EvmChain Binance = new("binance", "BNB Smart Chain",
    [
        new EvmNetwork("mainnet", "Mainnet", false, 56),
        new EvmNetwork("testnet", "Testnet", true, 97),
    ]);

    public EvmNetwork? Network(string id) =>
        Networks.FirstOrDefault(n => string.Equals(n.Id, id, StringComparison.OrdinalIgnoreCase));
}

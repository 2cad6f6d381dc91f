namespace KsQuery.Modules.Chains.Registry;

/// <summary>Chains listed as coming soon until a plugin with the same id is loaded.</summary>
internal static class ComingSoonChains
{
    public static readonly IReadOnlyList<ChainEntry> All =
    [
        ChainEntry.ComingSoon("ethereum", "Ethereum", ("mainnet", "Mainnet", false), ("sepolia", "Sepolia", true)),
        ChainEntry.ComingSoon("binance", "Binance", ("mainnet", "BNB Smart Chain Mainnet", false), ("testnet", "BNB Smart Chain Testnet", true)),
    ];
}

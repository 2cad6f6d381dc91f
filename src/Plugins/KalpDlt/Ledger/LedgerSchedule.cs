using System.Security.Cryptography;
using System.Text;

namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>What the seed fixes: identities, the contracts and when they are deployed, the block clock.</summary>
internal sealed class LedgerSchedule
{
    public const int WalletCount = 120;
    public const long GiniCommitBlock = 3;
    public const long ConfigEvery = 1000;

    /// <summary>The first block's time; later ones follow a few seconds apart.</summary>
    public static readonly DateTimeOffset GenesisTime = new(2024, 3, 19, 0, 0, 0, TimeSpan.Zero);

    public LedgerSchedule(long seed)
    {
        Seed = seed;
        Foundation = Address("allocation", "foundation");
        Allocations =
        [
            new(Foundation, 800_000_000),
            new(Address("allocation", "ecosystem"), 600_000_000),
            new(Address("allocation", "team"), 400_000_000),
            new(Address("allocation", "reserve"), 200_000_000),
        ];
        Wallets = Enumerable.Range(0, WalletCount).Select(i => Address("wallet", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        Contracts =
        [
            new(KalpNetwork.GiniContractId, "GINI", "GINI", 18, GiniCommitBlock, Foundation, 0),
            new(KlpContractId("KSD"), "Kalp Stable Dollar", "KSD", 6, 20, Address("issuer", "KSD"), 1_000_000),
            new(KlpContractId("TRP"), "Tantra Reward Points", "TRP", 18, 60, Address("issuer", "TRP"), 50_000_000),
            new(GatewayContractId("CCT", 150), "Carbon Credit Token", "CCT", 2, 150, Address("issuer", "CCT"), 250_000),
        ];
    }

    public long Seed { get; }

    /// <summary>Submits lifecycle, GINI mints and the allocation; owner of GINI.</summary>
    public string Foundation { get; }

    /// <summary>GINI's initial allocation, in whole GINI; it sums to the total supply of 2e9 GINI = 2e27 base units.</summary>
    public IReadOnlyList<Allocation> Allocations { get; }

    public IReadOnlyList<string> Wallets { get; }

    public IReadOnlyList<ContractPlan> Contracts { get; }

    public bool IsConfigBlock(long number) => number <= 2 || number % ConfigEvery == 0;

    public ContractPlan? CommitAt(long number) => Contracts.FirstOrDefault(c => c.CommitBlock == number);

    public ContractPlan? InitializeAt(long number) => Contracts.FirstOrDefault(c => c.InitializeBlock == number);

    /// <summary>Contracts whose Initialize block lies before <paramref name="number"/>.</summary>
    public IReadOnlyList<ContractPlan> ActiveAt(long number) => Contracts.Where(c => c.InitializeBlock < number).ToArray();

    public string TxId(long blockNumber, int index) => Sha256Hex($"kalp-tx|{Seed}|{blockNumber}|{index}");

    private string Address(string kind, string label) => Sha256Hex($"kalp-{kind}|{Seed}|{label}")[..40];

    private string KlpContractId(string symbol) => $"klp-{Sha256Hex($"kalp-contract|{Seed}|{symbol}")[..10]}-cc";

    /// <summary>The gateway's 45-character form: 32 alphanumerics and a 13-digit millisecond timestamp.</summary>
    private string GatewayContractId(string symbol, long commitBlock) =>
        Sha256Hex($"kalp-contract|{Seed}|{symbol}")[..32] + GenesisTime.AddSeconds(commitBlock * 4).ToUnixTimeMilliseconds().ToString("D13", System.Globalization.CultureInfo.InvariantCulture);

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

internal sealed record Allocation(string Address, long WholeTokens);

/// <summary>A KRC-20 contract the schedule deploys: lifecycle commit at <see cref="CommitBlock"/>,
/// Initialize and the initial mint one block later.</summary>
/// <param name="InitialMint">Whole tokens minted to the owner at initialization (GINI uses its allocation instead).</param>
internal sealed record ContractPlan(
    string ContractId,
    string Name,
    string Symbol,
    int Decimals,
    long CommitBlock,
    string Owner,
    long InitialMint)
{
    public long InitializeBlock => CommitBlock + 1;

    public bool IsGini => ContractId == KalpNetwork.GiniContractId;
}

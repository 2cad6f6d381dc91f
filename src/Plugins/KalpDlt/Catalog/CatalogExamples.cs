using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using KsQuery.Plugins.KalpDlt.Json;
using KsQuery.Plugins.KalpDlt.Ledger;

namespace KsQuery.Plugins.KalpDlt.Catalog;

/// <summary>Example answers for the docs, serialized from the real DTOs so they always match what the APIs return.</summary>
internal static class CatalogExamples
{
    private static readonly KalpJsonContext Indented = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
    private static readonly DateTime At = new(2024, 3, 19, 3, 20, 41, DateTimeKind.Utc);
    private static readonly string Alice = Sample("alice")[..40];
    private static readonly string Bob = Sample("bob")[..40];
    private static readonly string TxId = Sample("tx");
    private static readonly string BlockHash = Sample("block");
    private const string Gini = KalpNetwork.GiniContractId;

    public static string NetworkInfo => Write(new NetworkInfoDto("KALP DLT Test Net", KalpNetwork.NetworkId, KalpNetwork.NumericChainId,
        KalpNetwork.Channel, KalpNetwork.Currency, KalpNetwork.CurrencyDecimals, 3000, 2999, BlockHash, At, "local-ledger"), Indented.NetworkInfoDto);

    public static string Channels => Write(new PageDto<ChannelDto>(
        [new ChannelDto(KalpNetwork.Channel, Sample("genesis"), 3000, 10412, At.Date)], 1, 20, 1), Indented.PageDtoChannelDto);

    public static string Blocks => Write(new PageDto<BlockSummaryDto>([new BlockSummaryDto(2999, BlockHash, 3, At)], 1, 20, 3000),
        Indented.PageDtoBlockSummaryDto);

    public static string Block => Write(new BlockDto(2999, BlockHash, Sample("previous"), Sample("data"), At, KalpNetwork.Channel, 1, [TxId]),
        Indented.BlockDto);

    public static string TransactionList => Write(new PageDto<TransactionSummaryDto>(
        [new TransactionSummaryDto(TxId, 2999, 0, At, KalpNetwork.EndorserType, Gini, "Transfer", Alice, "SUCCESS", 0)], 1, 20, 1),
        Indented.PageDtoTransactionSummaryDto);

    public static string Transaction => Write(new TransactionDto(TxId, 2999, BlockHash, 0, KalpNetwork.Channel, KalpNetwork.EndorserType, At,
        KalpNetwork.MemberMsp, Alice, Gini, "Transfer", [Bob, "250000000000000000000"],
        [new ReadDto($"balance~{Alice}", new KeyVersionDto(2990, 1)), new ReadDto($"balance~{Bob}", null)],
        [new WriteDto($"balance~{Alice}", "750000000000000000000"), new WriteDto($"balance~{Bob}", "250000000000000000000")],
        new ChaincodeEventDto("Transfer", new Dictionary<string, string> { ["from"] = Alice, ["to"] = Bob, ["value"] = "250000000000000000000" }),
        0, "VALID", "SUCCESS"), Indented.TransactionDto);

    private static ContractDto GiniContract => new(Gini, "GINI", "GINI", "KRC-20", "1.0", 18, Alice, Sample("deploy"), 3, 8412,
        new DateTime(2024, 3, 19, 0, 0, 12, DateTimeKind.Utc), At);

    public static string Contracts => Write(new PageDto<ContractDto>([GiniContract], 1, 20, 4), Indented.PageDtoContractDto);

    public static string Contract => Write(GiniContract, Indented.ContractDto);

    public static string ContractQuery => Write(new ContractQueryTextDto(Gini, "BalanceOf", "750000000000000000000"), Indented.ContractQueryTextDto);

    public static string Token => Write(new TokenDto(Gini, "GINI", "GINI", 18, "2000000000000000000000000000", "2000000000", 118), Indented.TokenDto);

    public static string Balance => Write(new BalanceDto(Alice, Gini, "750000000000000000000", "750", "GINI", 18), Indented.BalanceDto);

    public static string Events => Write(new PageDto<EventDto>(
        [new EventDto(TxId, 2999, 0, At, Gini, "Transfer", new Dictionary<string, string> { ["from"] = Alice, ["to"] = Bob, ["value"] = "250000000000000000000" })],
        1, 20, 9733), Indented.PageDtoEventDto);

    public static string Analytics => Write(new ChaincodeAnalyticsDto("GINI", new DateTime(2024, 3, 19, 0, 0, 0, DateTimeKind.Utc), At, 8412,
        [new ChaincodeCountDto(Gini, "GINI", 8412, 7905, 507)]), Indented.ChaincodeAnalyticsDto);

    private static string Write<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.Serialize(value, typeInfo);

    private static string Sample(string label) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("kalp-example|" + label)));
}

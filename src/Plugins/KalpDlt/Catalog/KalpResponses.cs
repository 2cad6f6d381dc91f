using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt.Json;

namespace KsQuery.Plugins.KalpDlt.Catalog;

/// <summary>The 200 answers of the catalog's APIs: the DTOs the executors serialize, with their OpenAPI component names.</summary>
internal static class KalpResponses
{
    private static readonly KalpJsonContext Json = KalpJsonContext.Default;

    public static readonly ApiResponse NetworkInfo = new(Json.NetworkInfoDto, "KalpNetworkInfo", "The network and its latest block.");
    public static readonly ApiResponse Channels = new(Json.PageDtoChannelDto, "KalpChannelPage", "A page of the network's channels.");
    public static readonly ApiResponse Blocks = new(Json.PageDtoBlockSummaryDto, "KalpBlockPage", "A page of block summaries, newest first.");
    public static readonly ApiResponse Block = new(Json.BlockDto, "KalpBlock", "One block with its header hashes and transaction ids.");
    public static readonly ApiResponse Transactions = new(Json.PageDtoTransactionSummaryDto, "KalpTransactionPage", "A page of transaction summaries.");
    public static readonly ApiResponse Transaction = new(Json.TransactionDto, "KalpTransaction", "One transaction with its read and write sets and event.");
    public static readonly ApiResponse Contracts = new(Json.PageDtoContractDto, "KalpContractPage", "A page of deployed contracts, newest first.");
    public static readonly ApiResponse Contract = new(Json.ContractDto, "KalpContract", "One deployed contract.");

    /// <summary>Declared with the JSON-valued DTO: the text (amounts, names) and number (Decimals) answers have its shape.</summary>
    public static readonly ApiResponse ContractQuery = new(Json.ContractQueryJsonDto, "KalpContractQueryResult",
        "The function's result: a string for Name, Symbol, TotalSupply, BalanceOf and Allowance (amounts in base units as " +
        "decimal strings), an integer for Decimals; with the Kalp gateway, the gateway's JSON value as it came.");

    public static readonly ApiResponse Token = new(Json.TokenDto, "KalpToken", "A KRC-20 token; amounts in base units are decimal strings.");
    public static readonly ApiResponse Balance = new(Json.BalanceDto, "KalpBalance", "A wallet's balance; amounts in base units are decimal strings.");
    public static readonly ApiResponse Events = new(Json.PageDtoEventDto, "KalpEventPage", "A page of chaincode events, newest first.");
    public static readonly ApiResponse Analytics = new(Json.ChaincodeAnalyticsDto, "KalpChaincodeAnalytics", "Per-contract transaction counts in a time range.");
}

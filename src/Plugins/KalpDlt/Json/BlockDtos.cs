using System.ComponentModel;
namespace KsQuery.Plugins.KalpDlt.Json;

internal sealed record BlockSummaryDto(long Number, string Hash, int TxCount, DateTime Timestamp);

/// <param name="PreviousHash">Null for the genesis block.</param>
internal sealed record BlockDto(
    long Number,
    string Hash,
    [property: Description("Null for the genesis block.")] string? PreviousHash,
    string DataHash,
    DateTime Timestamp,
    string Channel,
    int TxCount,
    IReadOnlyList<string> TxIds);

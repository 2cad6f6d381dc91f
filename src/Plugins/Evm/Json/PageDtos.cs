namespace KsQuery.Plugins.Evm.Json;

/// <summary>A page of a block's transactions.</summary>
internal sealed record TransactionPageDto(IReadOnlyList<TransactionDto> Items, int Page, int Size, long Total);

/// <summary>A page of logs over a block range.</summary>
internal sealed record LogPageDto(IReadOnlyList<LogDto> Items, int Page, int Size, long Total, long FromBlock, long ToBlock);

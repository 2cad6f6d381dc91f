namespace MyChain;

/// <summary>A block, as the APIs answer it.</summary>
public sealed record BlockDto(long Number, string Hash, DateTimeOffset Time);

/// <summary>The answer of the range API.</summary>
public sealed record BlockRangeDto(IReadOnlyList<BlockDto> Blocks);

/// <summary>The JSON body of the range API.</summary>
public sealed record RangeQueryDto(long From, long To);

namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>SplitMix64: tiny, and unlike <see cref="Random"/> its sequence is ours to keep stable across runtimes.</summary>
internal sealed class DeterministicRandom(ulong state)
{
    private ulong _state = state;

    /// <summary>One generator per block, so a block's content depends only on the seed, its number and the state.</summary>
    public static DeterministicRandom ForBlock(long seed, long number) =>
        new(unchecked(((ulong)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)number * 0xD1B54A32D192ED03UL)));

    public ulong NextUInt64()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A value in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);

    /// <summary>A value in [minInclusive, maxExclusive).</summary>
    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}

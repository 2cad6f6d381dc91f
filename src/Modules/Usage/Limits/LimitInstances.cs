namespace KsQuery.Modules.Usage.Limits;

/// <summary>How many instances share the rate limits (1 with the LiteDB store; with PostgreSQL, those seen in the last
/// few exchanges). Each starts a second with its share of a key's permits, so a flood reaching every instance at once
/// stays within the limit before their first exchange of the second.</summary>
internal sealed class LimitInstances
{
    private volatile int _count = 1;

    public int Count
    {
        get => _count;
        set => _count = Math.Max(1, value);
    }

    /// <summary>This instance's part of <paramref name="permits"/> until the first exchange of a second (at least 1).</summary>
    public int ShareOf(int permits) => Math.Max(1, permits / _count);
}

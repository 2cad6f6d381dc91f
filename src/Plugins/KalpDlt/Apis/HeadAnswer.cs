using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt.Ledger;

namespace KsQuery.Plugins.KalpDlt.Apis;

/// <summary>An answer that depends only on the ledger's head (the network's info, the latest block): built once per head
/// as a shared result (<see cref="ApiResult.Shared{T}"/>), so the host serializes it once and writes the same bytes
/// until a block is added.</summary>
internal sealed class HeadAnswer(Func<ChainHead, ApiResult> build)
{
    private Entry? _last;

    public ApiResult For(ChainHead head)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && last.Height == head.Height && last.Hash == head.Latest.Hash)
            return last.Result;
        var entry = new Entry(head.Height, head.Latest.Hash, build(head));
        Volatile.Write(ref _last, entry);
        return entry.Result;
    }

    private sealed record Entry(long Height, string Hash, ApiResult Result);
}

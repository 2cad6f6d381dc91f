using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace KsQuery.Modules.Keys.Authentication;

/// <summary>The last key presented on one HTTP/1.x connection and its SHA-256 fingerprint. A client sends the same key
/// on every call of a keep-alive connection, so the fingerprint is computed once per connection instead of once per
/// call (~0.5 µs, a few percent of the keyed path; docs/performance.md). It only stands in for the hash: the verifier
/// still compares the fingerprint with the cached key's and checks revocation and expiry on every call. The plaintext
/// lives as long as the connection that sent it, like that connection's own request buffers.</summary>
internal sealed class ConnectionKeyMemo
{
    private sealed record Entry(string Presented, byte[] Fingerprint);

    private volatile Entry? _last;

    /// <summary>The memo of the request's connection; none for HTTP/2 and HTTP/3, whose requests on one connection run
    /// concurrently, or where the server has no connection items (the test server).</summary>
    public static ConnectionKeyMemo? Of(HttpContext context)
    {
        if (!HttpProtocol.IsHttp11(context.Request.Protocol) && !HttpProtocol.IsHttp10(context.Request.Protocol))
            return null;
        if ((context.Features[typeof(IConnectionItemsFeature)] as IConnectionItemsFeature)?.Items is not { } items)
            return null;
        if (items.TryGetValue(typeof(ConnectionKeyMemo), out var existing) && existing is ConnectionKeyMemo memo)
            return memo;
        memo = new ConnectionKeyMemo();
        items[typeof(ConnectionKeyMemo)] = memo;
        return memo;
    }

    public bool TryRecall(string presented, Span<byte> fingerprint)
    {
        if (_last is not { } last || !string.Equals(last.Presented, presented, StringComparison.Ordinal))
            return false;
        last.Fingerprint.CopyTo(fingerprint);
        return true;
    }

    public void Remember(string presented, ReadOnlySpan<byte> fingerprint) => _last = new Entry(presented, fingerprint.ToArray());
}

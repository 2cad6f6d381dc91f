using System.Collections;

namespace KsQuery.Host.Logging;

/// <summary>The request an entry was written in, as a log scope: <c>RequestId</c> (<see cref="HttpContext.TraceIdentifier"/>,
/// the <c>traceId</c> of the request's problem answers when no trace is recorded) and <c>RequestPath</c>. Made only when an
/// entry is written, never per request.</summary>
internal sealed class RequestLogScope(HttpContext context) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("RequestId", context.TraceIdentifier),
        1 => new("RequestPath", context.Request.Path.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
            yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"RequestId:{context.TraceIdentifier} RequestPath:{context.Request.Path.Value}";
}

namespace KsQuery.Contracts.Messages;

/// <summary>Published once for every answered keyed call whose key could be identified, successful or not.</summary>
/// <param name="At">When the call arrived (UTC); its minute bucket and quota month are taken from this instant.</param>
/// <param name="Rejection">Set when the call was refused for its key (revoked, expired, wrong secret, scope,
/// rate limit, quota); null when the key was verified and the call went on to the chain API.</param>
/// <param name="ClientAddress">The caller's address as the server saw it, for the owner's "new client address" alert.</param>
/// <param name="UserAgent">The caller's <c>User-Agent</c>, shortened to 256 characters.</param>
public sealed record KeyedCallCompleted(
    string KeyId,
    string AccountId,
    string Chain,
    string Network,
    string ApiId,
    int Status,
    double DurationMs,
    DateTimeOffset At,
    KeyedCallRejection? Rejection = null,
    string? ClientAddress = null,
    string? UserAgent = null);

/// <summary>Who tried what with a refused key, for the owner's rejections log.</summary>
/// <param name="KeyVerified">True when the key itself was valid (scope, restrictions, rate limit or quota refused the call).</param>
/// <param name="Restriction">For <c>key_restricted</c>: the restriction that refused it (<c>ip</c>, <c>origin</c>,
/// <c>user_agent</c>, <c>api</c>).</param>
public sealed record KeyedCallRejection(
    string Code,
    bool KeyVerified,
    string Display,
    string Method,
    string Path,
    string? ClientAddress,
    string? UserAgent,
    string? Restriction = null);

/// <summary>Asks the Usage module for one key's all-time totals.</summary>
public sealed record GetKeyUsageTotals(string KeyId);

public sealed record KeyUsageTotals(long Requests, long Errors, DateTimeOffset? LastCallAt);

/// <summary>The keyed calls answered in the last few milliseconds, published by the Usage module as one message:
/// one Wolverine message per call cost about a tenth of the keyed path's throughput.</summary>
public sealed record KeyedCallsCompleted(IReadOnlyList<KeyedCallCompleted> Calls);

/// <summary>Asks the Usage module for one key's refused calls with <c>At</c> in [<paramref name="From"/>, <paramref name="To"/>):
/// the newest <paramref name="Take"/>, newest first, and how many there are (for the key's activity timeline). The caller has
/// checked that the key is the asker's.</summary>
public sealed record GetKeyRejections(string KeyId, DateTimeOffset? From, DateTimeOffset? To, int Take);

/// <summary>Answer to <see cref="GetKeyRejections"/>; <paramref name="Available"/> false when the usage log could not be
/// brought up to date within <c>Usage:ReadTimeout</c> (the reader answers 503 <c>usage_unavailable</c>).</summary>
public sealed record KeyRejectionsPage(IReadOnlyList<KeyRejectionEntry> Items, long Total, bool Available);

/// <summary>One refused call of a key, as its rejections log keeps it.</summary>
public sealed record KeyRejectionEntry(DateTimeOffset At, string Code, int Status, string? ClientAddress, string? UserAgent,
    string Method, string Path);

/// <summary>A module's own handling of keyed calls that never went through the bus: at a graceful stop (Wolverine may no
/// longer deliver a message published then) or when publishing failed, the Usage module counts such calls itself and
/// hands them to every registered one, so a module that handles <see cref="KeyedCallsCompleted"/> misses none of them.</summary>
public interface IUnpublishedKeyedCalls
{
    void Handle(KeyedCallsCompleted message);
}

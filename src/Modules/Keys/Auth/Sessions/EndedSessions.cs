using System.Collections.Concurrent;
using KsQuery.Modules.Keys.Configuration;
using KsQuery.Modules.Keys.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Auth.Sessions;

/// <summary>Sessions ended by logging out, in memory (read on every dashboard request that carries a bearer token)
/// and in the store (so a restart does not revive them). A session is remembered until every token it can have issued
/// has expired: the longer token lifetime after the logout, since refreshing stops at the logout. With a store shared by
/// several instances, the sessions the others ended are read again every <see cref="SharedRefreshInterval"/>, by the
/// dashboard request that finds the set due (one read per interval per instance; never on the keyed path).</summary>
internal sealed class EndedSessions
{
    /// <summary>With a store shared by several instances, how often each reads the sessions the others ended.</summary>
    public static readonly TimeSpan SharedRefreshInterval = TimeSpan.FromSeconds(5);

    private readonly IEndedSessionStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _remember;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _ended = new(StringComparer.Ordinal);
    private readonly Lock _refreshing = new();
    private readonly ILogger<EndedSessions>? _log;
    private long _nextRefreshTicks;

    public EndedSessions(IEndedSessionStore store, TimeProvider time, IOptions<KeysOptions> options, ILogger<EndedSessions>? log = null)
    {
        _log = log;
        _store = store;
        _time = time;
        _remember = options.Value.RefreshTokenLifetime > options.Value.AccessTokenLifetime
            ? options.Value.RefreshTokenLifetime
            : options.Value.AccessTokenLifetime;
        var now = time.GetUtcNow();
        Merge(store.Load(now));
        _nextRefreshTicks = (now + SharedRefreshInterval).UtcTicks;
    }

    /// <summary>False while no session has ended: bearer requests then skip the check.</summary>
    public bool Any
    {
        get
        {
            RefreshIfDue();
            return !_ended.IsEmpty;
        }
    }

    public bool HasEnded(string sessionId)
    {
        RefreshIfDue();
        return _ended.TryGetValue(sessionId, out var until) && _time.GetUtcNow() < until;
    }

    private void RefreshIfDue()
    {
        if (!_store.IsShared)
            return;
        var now = _time.GetUtcNow();
        // One request refreshes; the others go on with the set as it is.
        if (now.UtcTicks < Volatile.Read(ref _nextRefreshTicks) || !_refreshing.TryEnter())
            return;
        try
        {
            if (now.UtcTicks < _nextRefreshTicks)
                return;
            Merge(_store.Load(now));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store is unreachable for a moment: the set stays as it was, and the next interval tries again.
            _log?.LogWarning(ex, "Sessions ended by other instances could not be read; retrying in {Interval}", SharedRefreshInterval);
        }
        finally
        {
            Volatile.Write(ref _nextRefreshTicks, (now + SharedRefreshInterval).UtcTicks);
            _refreshing.Exit();
        }
    }

    private void Merge(IEnumerable<EndedSession> sessions)
    {
        foreach (var session in sessions)
            _ended.AddOrUpdate(session.SessionId, session.Until, (_, known) => known > session.Until ? known : session.Until);
    }

    public void End(string sessionId, string accountId)
    {
        var now = _time.GetUtcNow();
        var until = now + _remember;
        _store.Add(new EndedSession(sessionId, accountId, now, until), now);
        _ended.AddOrUpdate(sessionId, until, (_, known) => known > until ? known : until);
        foreach (var (id, expires) in _ended)
        {
            if (expires <= now)
                _ended.TryRemove(new KeyValuePair<string, DateTimeOffset>(id, expires));
        }
    }
}

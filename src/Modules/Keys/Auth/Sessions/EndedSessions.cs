using System.Collections.Concurrent;
using KsQuery.Modules.Keys.Configuration;
using KsQuery.Modules.Keys.Storage;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Auth.Sessions;

/// <summary>Sessions ended by logging out, in memory (read on every dashboard request that carries a bearer token)
/// and in the store (so a restart does not revive them). A session is remembered until every token it can have issued
/// has expired: the longer token lifetime after the logout, since refreshing stops at the logout.</summary>
internal sealed class EndedSessions
{
    private readonly IEndedSessionStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _remember;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _ended = new(StringComparer.Ordinal);

    public EndedSessions(IEndedSessionStore store, TimeProvider time, IOptions<KeysOptions> options)
    {
        _store = store;
        _time = time;
        _remember = options.Value.RefreshTokenLifetime > options.Value.AccessTokenLifetime
            ? options.Value.RefreshTokenLifetime
            : options.Value.AccessTokenLifetime;
        foreach (var session in store.Load(time.GetUtcNow()))
            _ended[session.SessionId] = session.Until;
    }

    /// <summary>False while no session has ended: bearer requests then skip the check.</summary>
    public bool Any => !_ended.IsEmpty;

    public bool HasEnded(string sessionId) => _ended.TryGetValue(sessionId, out var until) && _time.GetUtcNow() < until;

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

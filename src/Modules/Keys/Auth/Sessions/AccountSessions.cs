using KsQuery.Contracts.Text;
using KsQuery.Modules.Keys.Configuration;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace KsQuery.Modules.Keys.Auth.Sessions;

/// <summary>The server-side sessions of dashboard accounts: a login starts one, a refresh needs it to be live and moves its
/// expiry, and ending one (logout, the sessions list, a password change, deleting the account) removes it and adds it to
/// <see cref="EndedSessions"/>, whose in-memory check refuses the session's access tokens at their next use.</summary>
internal sealed class AccountSessions(ISessionStore store, EndedSessions ended, TimeProvider time, IOptions<KeysOptions> options)
{
    private const int MaxUserAgent = 256;

    /// <summary>A new session of the account (a login); returns its id, which goes into the session's tokens.</summary>
    public string Start(string accountId, HttpContext context)
    {
        var now = time.GetUtcNow();
        var session = new SessionRecord(SessionClaims.NewSessionId(), accountId, now, now, now + options.Value.RefreshTokenLifetime,
            AddressOf(context), UserAgentOf(context));
        store.Save(session, now);
        return session.Id;
    }

    /// <summary>Records a refresh of a live session of the account (its address and user agent, when the request has them); false when the session has ended, expired or is unknown
    /// (a refresh token issued before sessions were kept server-side: its holder logs in again).</summary>
    public bool TryRefresh(string sessionId, string accountId, HttpContext context)
    {
        var now = time.GetUtcNow();
        if (ended.HasEnded(sessionId) || store.Find(sessionId) is not { } session || session.AccountId != accountId || session.ExpiresAt <= now)
            return false;
        store.Save(session with
        {
            RefreshedAt = now,
            ExpiresAt = now + options.Value.RefreshTokenLifetime,
            ClientAddress = AddressOf(context) ?? session.ClientAddress,
            UserAgent = UserAgentOf(context) ?? session.UserAgent,
        }, now);
        return true;
    }

    /// <summary>The account's live sessions, the most recently refreshed first.</summary>
    public IReadOnlyList<SessionRecord> List(string accountId)
    {
        var now = time.GetUtcNow();
        return store.ListByAccount(accountId)
            .Where(s => s.ExpiresAt > now && !ended.HasEnded(s.Id))
            .OrderByDescending(s => s.RefreshedAt)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A live session of the account, or null (unknown, ended, expired, or another account's).</summary>
    public SessionRecord? Find(string sessionId, string accountId) =>
        SessionClaims.IsPlausible(sessionId) && store.Find(sessionId) is { } session && session.AccountId == accountId && session.ExpiresAt > time.GetUtcNow() &&
        !ended.HasEnded(sessionId)
            ? session
            : null;

    /// <summary>Ends the session: its refresh tokens stop refreshing and its access tokens are refused at their next use.</summary>
    public void End(string sessionId, string accountId)
    {
        // Ended first: from this moment no request of the session passes, whatever the store step below does.
        ended.End(sessionId, accountId);
        if (store.Find(sessionId) is { } session && session.AccountId == accountId)
            store.Delete(sessionId);
    }

    /// <summary>Ends every session of the account but <paramref name="keep"/>; returns the ids of the ended ones.</summary>
    public IReadOnlyList<string> EndAll(string accountId, string? keep = null)
    {
        var ids = store.ListByAccount(accountId).Select(s => s.Id).Where(id => id != keep).ToList();
        foreach (var id in ids)
            End(id, accountId);
        return ids;
    }

    private static string? AddressOf(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : null;

    private static string? UserAgentOf(HttpContext context) =>
        context.Request.Headers[HeaderNames.UserAgent].ToString() is { Length: > 0 } agent ? TextCut.AtMost(agent, MaxUserAgent) : null;
}

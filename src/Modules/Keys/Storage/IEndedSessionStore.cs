namespace KsQuery.Modules.Keys.Storage;

/// <summary>Dashboard sessions ended by logging out, kept until every token of the session has expired.</summary>
internal interface IEndedSessionStore
{
    /// <summary>True when other instances write to the same store (PostgreSQL): their logouts are read from it again from
    /// time to time (<see cref="Auth.Sessions.EndedSessions.SharedRefreshInterval"/>).</summary>
    bool IsShared { get; }

    /// <summary>Every ended session still to be refused at <paramref name="now"/>: session id and until when.</summary>
    IReadOnlyList<EndedSession> Load(DateTimeOffset now);

    /// <summary>Records the session as ended (again: keeps the later <c>Until</c>) and drops records past their <c>Until</c>.</summary>
    void Add(EndedSession session, DateTimeOffset now);
}

internal sealed record EndedSession(string SessionId, string AccountId, DateTimeOffset EndedAt, DateTimeOffset Until);

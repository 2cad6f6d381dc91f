namespace KsQuery.Contracts.Messages;

/// <summary>Published once for every keyed call that got an answer, successful or not.</summary>
public sealed record KeyedCallCompleted(
    string KeyId,
    string AccountId,
    string Chain,
    string Network,
    string ApiId,
    int Status,
    double DurationMs,
    DateTimeOffset At);

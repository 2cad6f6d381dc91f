namespace KsQuery.Modules.Keys.Audit;

/// <summary>One stored audit entry (collection <c>keys_audit</c>). <see cref="Sequence"/> is the order of recording;
/// <see cref="Before"/>/<see cref="After"/> are JSON objects as text.</summary>
internal sealed record AuditEntry(
    long Sequence,
    DateTimeOffset At,
    string Action,
    string? ActorAccountId,
    string? ActorEmail,
    string? KeyId,
    string? RelatedKeyId,
    string? TeamId,
    string? SubjectAccountId,
    string? ClientAddress,
    string? UserAgent,
    string? Before,
    string? After);

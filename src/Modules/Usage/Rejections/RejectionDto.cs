namespace KsQuery.Modules.Usage.Rejections;

/// <summary>One refused call of one of the caller's keys; <c>restriction</c> is set for <c>key_restricted</c> only.</summary>
public sealed record RejectionDto(
    DateTimeOffset At,
    string Code,
    int Status,
    string KeyId,
    string Display,
    string? Ip,
    string? UserAgent,
    string Method,
    string Path,
    string? Restriction = null);

namespace KsQuery.Modules.Usage.Rejections;

/// <summary>One refused call of one of the caller's keys.</summary>
public sealed record RejectionDto(
    DateTimeOffset At,
    string Code,
    int Status,
    string KeyId,
    string Display,
    string? Ip,
    string? UserAgent,
    string Method,
    string Path);

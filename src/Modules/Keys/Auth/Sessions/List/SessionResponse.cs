namespace KsQuery.Modules.Keys.Auth.Sessions.List;

/// <param name="RefreshedAt">The last login or refresh of the session.</param>
/// <param name="Current">True for the session of the access token that asked.</param>
internal sealed record SessionResponse(
    string Id,
    DateTimeOffset CreatedAt,
    DateTimeOffset RefreshedAt,
    DateTimeOffset ExpiresAt,
    string? ClientAddress,
    string? UserAgent,
    bool Current);

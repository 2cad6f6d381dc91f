namespace KsQuery.Modules.Keys.Auth.Refresh;

internal sealed record RefreshRequest(string? RefreshToken);

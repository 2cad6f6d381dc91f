namespace KsQuery.Modules.Keys.Auth.Logout;

internal sealed record LogoutRequest(string? RefreshToken);

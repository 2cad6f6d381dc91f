namespace KsQuery.Modules.Keys.Auth.Login;

internal sealed record LoginRequest(string? Email, string? Password);

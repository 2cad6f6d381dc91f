namespace KsQuery.Modules.Keys.Accounts.SignUp;

internal sealed record SignUpRequest(string? Email, string? Password, string? InvitationToken = null);

namespace KsQuery.Modules.Keys.Accounts.ChangePassword;

internal sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

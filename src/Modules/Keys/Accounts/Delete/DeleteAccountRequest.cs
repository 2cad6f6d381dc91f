namespace KsQuery.Modules.Keys.Accounts.Delete;

internal sealed record DeleteAccountRequest(string? Password);

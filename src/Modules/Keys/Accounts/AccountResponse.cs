namespace KsQuery.Modules.Keys.Accounts;

internal sealed record AccountResponse(string Id, string Email);

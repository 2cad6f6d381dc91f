namespace KsQuery.Plugins.KalpDlt.Ledger;

internal readonly record struct BalanceKey(string ContractId, string Address);

internal readonly record struct AllowanceKey(string ContractId, string Owner, string Spender);

namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>KRC-20 event names and world-state keys.</summary>
internal static class KrcEvents
{
    public const string Transfer = "Transfer";
    public const string Approval = "Approval";
    public const string Mint = "Mint";

    public static string BalanceKey(string address) => $"balance~{address}";

    public static string AllowanceKey(string owner, string spender) => $"allowance~{owner}~{spender}";

    public const string TotalSupplyKey = "totalSupply";
}

namespace KsQuery.Modules.Keys.ApiKeys.List;

internal static class ApiKeyStatusFilter
{
    public const string All = "all";
    public static readonly string[] Values = ["active", "revoked", "expired", All];
}

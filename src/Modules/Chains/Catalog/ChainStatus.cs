namespace KsQuery.Modules.Chains.Catalog;

internal static class ChainStatus
{
    public const string Available = "available";
    public const string ComingSoon = "coming-soon";
}

internal static class ChainHealth
{
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";
}

namespace KsQuery.Modules.Usage.Limits;

/// <summary>The monthly quota counts every instance adds to (PostgreSQL); read once per key and month.</summary>
internal interface ISharedQuotaCounts
{
    long Load(string keyId, DateTimeOffset month);
}

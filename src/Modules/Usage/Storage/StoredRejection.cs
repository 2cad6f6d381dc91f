namespace KsQuery.Modules.Usage.Storage;

/// <summary>One refused call of an identified key (collection <c>usage_rejections</c>), shown to the key's owner.</summary>
internal sealed class StoredRejection
{
    public LiteDB.ObjectId? Id { get; set; }
    public DateTime At { get; set; }
    public string AccountId { get; set; } = "";
    public string KeyId { get; set; } = "";
    public string Display { get; set; } = "";
    public string Code { get; set; } = "";
    public int Status { get; set; }
    public string? Ip { get; set; }
    public string? UserAgent { get; set; }
    public string Method { get; set; } = "";
    public string Path { get; set; } = "";

    /// <summary>For <c>key_restricted</c>: which restriction refused the call.</summary>
    public string? Restriction { get; set; }
}

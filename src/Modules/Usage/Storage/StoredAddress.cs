namespace KsQuery.Modules.Usage.Storage;

/// <summary>A client address a key has been used from (collection <c>usage_addresses</c>), for "new client address" alerts.</summary>
internal sealed class StoredAddress
{
    /// <summary><c>keyId|address</c>.</summary>
    public string Id { get; set; } = "";
    public string KeyId { get; set; } = "";
    public string Address { get; set; } = "";
    public DateTime FirstSeen { get; set; }

    public static string IdOf(string keyId, string address) => $"{keyId}|{address}";
}

namespace KsQuery.Modules.Usage.Storage;

/// <summary>A misuse signal raised on a key (collection <c>usage_alerts</c>).</summary>
internal sealed class StoredAlert
{
    public const string NewClientAddress = "new_client_address";
    public const string RejectionSpike = "rejection_spike";

    public LiteDB.ObjectId? Id { get; set; }
    public DateTime At { get; set; }
    public string AccountId { get; set; } = "";
    public string KeyId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Detail { get; set; } = "";
    public string? ClientAddress { get; set; }
    public string? UserAgent { get; set; }

    /// <summary>Refusals in the spike window (rejection spikes only).</summary>
    public long? Rejections { get; set; }

    /// <summary>The key's usual refusals per minute before the window (rejection spikes only).</summary>
    public double? BaselinePerMinute { get; set; }
}

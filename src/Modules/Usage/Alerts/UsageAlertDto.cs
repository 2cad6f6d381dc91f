using KsQuery.Modules.Usage.Storage;

namespace KsQuery.Modules.Usage.Alerts;

/// <summary>A misuse signal on a key: <c>kind</c> is <c>new_client_address</c> or <c>rejection_spike</c>.</summary>
public sealed record UsageAlertDto(
    string Kind,
    string KeyId,
    DateTimeOffset At,
    string Detail,
    string? ClientAddress,
    string? UserAgent,
    long? Rejections,
    double? BaselinePerMinute)
{
    internal static UsageAlertDto From(StoredAlert alert) => new(alert.Kind, alert.KeyId, new DateTimeOffset(StoredTime.Utc(alert.At), TimeSpan.Zero),
        alert.Detail, alert.ClientAddress, alert.UserAgent, alert.Rejections, alert.BaselinePerMinute);
}

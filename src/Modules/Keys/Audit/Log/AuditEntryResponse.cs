using System.Text.Json.Nodes;

namespace KsQuery.Modules.Keys.Audit.Log;

/// <summary>One audit entry as <c>GET /v1/audit</c> shows it.</summary>
internal sealed record AuditEntryResponse(
    string Id,
    DateTimeOffset At,
    string Action,
    string? ActorAccountId,
    string? ActorEmail,
    string? KeyId,
    string? RelatedKeyId,
    string? TeamId,
    string? SubjectAccountId,
    string? ClientAddress,
    string? UserAgent,
    JsonObject? Before,
    JsonObject? After)
{
    public static AuditEntryResponse From(AuditEntry entry) => new(
        entry.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.At, entry.Action, entry.ActorAccountId,
        entry.ActorEmail, entry.KeyId, entry.RelatedKeyId, entry.TeamId, entry.SubjectAccountId, entry.ClientAddress, entry.UserAgent,
        Parse(entry.Before), Parse(entry.After));

    internal static JsonObject? Parse(string? json) => json is null ? null : JsonNode.Parse(json) as JsonObject;
}

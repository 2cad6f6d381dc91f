using System.Text.Json.Nodes;
using KsQuery.Modules.Keys.Audit;
using KsQuery.Modules.Keys.Storage;

namespace KsQuery.Modules.Keys.ApiKeys;

internal static class KeyAudit
{
    /// <summary>Records an action on a team's key, with the team. Personal keys' actions are the audit log's own part
    /// (issue 17 is built in parallel branches): this records nothing for them.</summary>
    public static ValueTask RecordInTeamAsync(this IAuditTrail audit, string action, string actorAccountId, ApiKeyRecord key,
        CancellationToken cancellationToken, JsonObject? before = null, JsonObject? after = null) =>
        key.TeamId is null
            ? ValueTask.CompletedTask
            : audit.RecordAsync(new AuditEvent(action, actorAccountId, KeyId: key.Id, TeamId: key.TeamId, Before: before, After: after),
                cancellationToken);
}

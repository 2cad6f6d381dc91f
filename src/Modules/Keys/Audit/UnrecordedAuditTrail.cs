namespace KsQuery.Modules.Keys.Audit;

// Issue 17 is built in parallel branches: this seam lets the teams, restrictions and hygiene branches record their
// actions before the audit store lands; the audit branch replaces it with the stored log and deletes this file.
internal sealed class UnrecordedAuditTrail : IAuditTrail
{
    public ValueTask RecordAsync(AuditEvent entry, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

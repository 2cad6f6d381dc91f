namespace KsQuery.Modules.Keys.Audit;

/// <summary>Appends to the audit log. The implementation adds the time (TimeProvider), the client address and the user
/// agent of the current request; callers give what happened.</summary>
internal interface IAuditTrail
{
    ValueTask RecordAsync(AuditEvent entry, CancellationToken cancellationToken);
}

namespace KsQuery.Modules.Keys.Audit;

/// <summary>What a read of the audit log asks for; every part is optional. <see cref="Scope"/> null: no visibility limit
/// (the caller has checked access, e.g. to one key). <see cref="KeyId"/> matches an entry's key or related key.</summary>
internal sealed record AuditFilter(
    AuditScope? Scope = null,
    string? KeyId = null,
    string? ActorAccountId = null,
    string? Action = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null);

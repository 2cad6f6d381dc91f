using System.Text.Json.Nodes;

namespace KsQuery.Modules.Keys.Audit;

/// <summary>One change or login, as the audit log keeps it. Never key material, secrets, hashes or passwords.</summary>
/// <param name="Action">One of <see cref="AuditActions"/>.</param>
/// <param name="ActorAccountId">Who did it; null for the system (an expiry, a roll's grace period ending).</param>
/// <param name="KeyId">The key it concerns, if any.</param>
/// <param name="TeamId">The team it concerns or was done in, if any.</param>
/// <param name="SubjectAccountId">The account it concerns when that is not the actor (a member removed, an invitation accepted).</param>
/// <param name="Before">For an edit: the changed fields before it.</param>
/// <param name="After">For an edit or a creation: the fields after it.</param>
/// <param name="RelatedKeyId">A second key it concerns (the replacement of a rolled key): the entry is in that key's activity too.</param>
public sealed record AuditEvent(
    string Action,
    string? ActorAccountId,
    string? KeyId = null,
    string? TeamId = null,
    string? SubjectAccountId = null,
    JsonObject? Before = null,
    JsonObject? After = null,
    string? RelatedKeyId = null);

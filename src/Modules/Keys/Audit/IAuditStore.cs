namespace KsQuery.Modules.Keys.Audit;

/// <summary>The audit log's storage: append-only; the only deletion is retention (<see cref="Prune"/>). Writes return once
/// committed.</summary>
internal interface IAuditStore
{
    /// <summary>Appends the entry (its <see cref="AuditEntry.Sequence"/> is assigned here) and returns it as stored.</summary>
    AuditEntry Append(AuditEntry entry);

    /// <summary>Appends the entry unless one with the same action and key id exists (an event that happens once per key).</summary>
    bool AppendOnce(AuditEntry entry);

    /// <summary>Entries matching <paramref name="filter"/> (<c>At</c> in [From, To)), newest first, and how many match.</summary>
    (IReadOnlyList<AuditEntry> Items, long Total) Find(AuditFilter filter, int skip, int take);

    /// <summary>Deletes the entries recorded before <paramref name="before"/>; returns how many.</summary>
    int Prune(DateTimeOffset before);
}

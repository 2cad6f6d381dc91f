namespace KsQuery.Modules.Keys.Audit;

/// <summary>The entries one caller may see: those whose actor or subject is one of <see cref="AccountIds"/>, that concern
/// one of <see cref="KeyIds"/> (as key or related key), or that were done in one of <see cref="TeamIds"/>.</summary>
internal sealed record AuditScope(IReadOnlySet<string> AccountIds, IReadOnlySet<string> KeyIds, IReadOnlySet<string> TeamIds);

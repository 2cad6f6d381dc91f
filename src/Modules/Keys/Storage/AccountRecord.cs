namespace KsQuery.Modules.Keys.Storage;

internal sealed record AccountRecord(
    string Id,
    string Email,
    string NormalizedEmail,
    string PasswordHash,
    DateTimeOffset CreatedAt,
    AccountSelection? Selection);

/// <summary>The chain/network (canonical ids) and key the dashboard works with.</summary>
internal sealed record AccountSelection(string Chain, string Network, string? ActiveKeyId);

namespace KsQuery.Modules.Keys.Storage;

/// <param name="DisabledAt">When the operator disabled the account (<c>accounts disable</c>); null while it is enabled.
/// A disabled account cannot log in and its own keys are refused with <c>key_disabled</c>.</param>
internal sealed record AccountRecord(
    string Id,
    string Email,
    string NormalizedEmail,
    string PasswordHash,
    DateTimeOffset CreatedAt,
    AccountSelection? Selection,
    DateTimeOffset? DisabledAt = null);

/// <summary>The chain/network (canonical ids) and key the dashboard works with.</summary>
internal sealed record AccountSelection(string Chain, string Network, string? ActiveKeyId);

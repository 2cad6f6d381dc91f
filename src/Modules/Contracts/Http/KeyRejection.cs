namespace KsQuery.Contracts.Http;

/// <summary>Why a keyed request was refused, set as an HttpContext feature by the API-key handler.
/// <see cref="KeyId"/> and <see cref="AccountId"/> are present when the key could be identified
/// (revoked, expired, wrong secret for a real key id), so its owner can see the attempt.</summary>
public sealed record KeyRejection(string Code, string? KeyId, string? AccountId, string? Display);

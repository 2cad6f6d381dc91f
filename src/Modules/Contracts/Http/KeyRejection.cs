namespace KsQuery.Contracts.Http;

/// <summary>Why a keyed request was refused, set as an HttpContext feature by the API-key handler.
/// <see cref="KeyId"/> and <see cref="AccountId"/> are present when the key could be identified
/// (revoked, expired, wrong secret for a real key id), so its owner can see the attempt. <see cref="Restriction"/> names
/// the key restriction that refused a <c>key_restricted</c> call (<c>ip</c>, <c>origin</c>, <c>user_agent</c>, <c>api</c>).</summary>
public sealed record KeyRejection(string Code, string? KeyId, string? AccountId, string? Display, string? Restriction = null);

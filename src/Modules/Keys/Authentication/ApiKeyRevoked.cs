namespace KsQuery.Modules.Keys.Authentication;

/// <summary>Published when a key stops being valid early (revoke, roll); every instance evicts it from its cache.</summary>
public sealed record ApiKeyRevoked(string KeyId);

namespace KsQuery.Modules.Keys.KeyFormat;

/// <summary>A newly issued key: the plaintext (shown once), its public id, secret and masked form.</summary>
internal sealed record ApiKeyMaterial(string Plaintext, string KeyId, bool IsTest, byte[] Secret, string Display);

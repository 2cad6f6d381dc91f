namespace KsQuery.Modules.Keys.KeyFormat;

/// <summary>A presented key that passed the format and checksum checks (not yet verified).</summary>
internal readonly record struct ParsedApiKey(string KeyId, bool IsTest, byte[] Secret);

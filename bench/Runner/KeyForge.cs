using System.Security.Cryptography;
using KsQuery.Modules.Keys.KeyFormat;

namespace Bench.Runner;

/// <summary>Well-formed keys the service must refuse: bad checksums, unknown ids, wrong secrets for a real id.</summary>
internal static class KeyForge
{
    public static string BadChecksum(string key)
    {
        var last = key[^1];
        return key[..^1] + (last == 'a' ? 'b' : 'a');
    }

    public static string UnknownId() => ApiKeyCodec.Generate(isTest: true).Plaintext;

    /// <summary>The bad keys of scenario 3: 200, alternately a bad checksum and a well-formed key with an unknown id.</summary>
    public static string[] BadKeys() =>
        [.. Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? BadChecksum(UnknownId()) : UnknownId())];

    public static string WrongSecret(string realKey)
    {
        if (!ApiKeyCodec.TryParse(realKey, out var parsed) || !Base62.TryDecode(parsed.KeyId, ulong.MaxValue, out var id))
            throw new InvalidOperationException("not a key");
        return ApiKeyCodec.Format(parsed.IsTest, id, RandomNumberGenerator.GetBytes(ApiKeyCodec.SecretBytes)).Plaintext;
    }
}

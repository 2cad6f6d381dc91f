using System.Buffers.Binary;
using System.Security.Cryptography;

namespace KsQuery.Modules.Keys.KeyFormat;

/// <summary>
/// The API key format of docs/api.md: <c>ksq_test_</c> or <c>ksq_live_</c>, then a 50-character base62 body:
/// 11 characters of public key id (64 random bits, the key's <c>id</c>), 33 characters of secret
/// (three 64-bit chunks, 192 random bits) and 6 characters of CRC-32 over everything before it,
/// prefix included. Each chunk has a fixed width, so a key has exactly one spelling and any single
/// changed character fails the checksum before a store lookup or hash is done.
/// </summary>
internal static class ApiKeyCodec
{
    public const string TestPrefix = "ksq_test_";
    public const string LivePrefix = "ksq_live_";
    public const int PrefixLength = 9;
    public const int SecretBytes = 24;
    public const int IdLength = Base62.UInt64Width;
    private const int SecretChunks = SecretBytes / sizeof(ulong);
    private const int SecretLength = SecretChunks * Base62.UInt64Width;
    private const int ChecksumLength = Base62.UInt32Width;
    public const int BodyLength = IdLength + SecretLength + ChecksumLength;
    public const int KeyLength = PrefixLength + BodyLength;

    /// <summary>A fresh key: random public id and secret.</summary>
    public static ApiKeyMaterial Generate(bool isTest)
    {
        Span<byte> id = stackalloc byte[sizeof(ulong)];
        RandomNumberGenerator.Fill(id);
        var secret = RandomNumberGenerator.GetBytes(SecretBytes);
        return Format(isTest, BinaryPrimitives.ReadUInt64BigEndian(id), secret);
    }

    public static ApiKeyMaterial Format(bool isTest, ulong publicId, byte[] secret)
    {
        if (secret.Length != SecretBytes)
            throw new ArgumentException($"The secret must be {SecretBytes} bytes.", nameof(secret));

        Span<char> key = stackalloc char[KeyLength];
        (isTest ? TestPrefix : LivePrefix).AsSpan().CopyTo(key);
        var body = key[PrefixLength..];
        Base62.Encode(publicId, body[..IdLength]);
        for (var i = 0; i < SecretChunks; i++)
        {
            var chunk = BinaryPrimitives.ReadUInt64BigEndian(secret.AsSpan(i * sizeof(ulong), sizeof(ulong)));
            Base62.Encode(chunk, body.Slice(IdLength + i * Base62.UInt64Width, Base62.UInt64Width));
        }
        var checkedPart = key[..(PrefixLength + IdLength + SecretLength)];
        Base62.Encode(Crc32.ComputeAscii(checkedPart), key[checkedPart.Length..]);

        var text = new string(key);
        return new ApiKeyMaterial(text, text.Substring(PrefixLength, IdLength), isTest, secret, Display(text));
    }

    /// <summary>Prefix, length, id and checksum, without decoding the secret or allocating: what the keyed path checks
    /// before any lookup. A key that passes may still hold characters outside base62 in its secret (<see cref="TryParse"/>
    /// refuses those).</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> text, out bool isTest)
    {
        isTest = false;
        if (text.Length != KeyLength)
            return false;
        if (text.StartsWith(TestPrefix, StringComparison.Ordinal))
            isTest = true;
        else if (!text.StartsWith(LivePrefix, StringComparison.Ordinal))
            return false;

        const int checkedLength = PrefixLength + IdLength + SecretLength;
        return Base62.TryDecode(text[checkedLength..], uint.MaxValue, out var checksum) &&
               Base62.TryDecode(PublicId(text), ulong.MaxValue, out _) &&
               Crc32.ComputeAscii(text[..checkedLength]) == (uint)checksum;
    }

    /// <summary>The public key id of a well-formed key.</summary>
    public static ReadOnlySpan<char> PublicId(ReadOnlySpan<char> text) => text.Slice(PrefixLength, IdLength);

    /// <summary>Checks the prefix, the alphabet, the chunk ranges and the checksum; nothing else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ParsedApiKey key)
    {
        key = default;
        if (!IsWellFormed(text, out var isTest))
            return false;

        var secret = new byte[SecretBytes];
        for (var i = 0; i < SecretChunks; i++)
        {
            if (!Base62.TryDecode(text.Slice(PrefixLength + IdLength + i * Base62.UInt64Width, Base62.UInt64Width), ulong.MaxValue, out var chunk))
                return false;
            BinaryPrimitives.WriteUInt64BigEndian(secret.AsSpan(i * sizeof(ulong)), chunk);
        }
        key = new ParsedApiKey(text.Slice(PrefixLength, IdLength).ToString(), isTest, secret);
        return true;
    }

    /// <summary><c>ksq_test_7hQa…x2Lp</c>: the prefix, the first 4 and the last 4 characters of the body.</summary>
    public static string Display(string key) =>
        string.Concat(key.AsSpan(0, PrefixLength), key.AsSpan(PrefixLength, 4), "…", key.AsSpan(key.Length - 4));
}

using System.Formats.Asn1;
using System.Security.Cryptography;

namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>The one place that defines how block and data hashes are computed.</summary>
internal static class BlockHasher
{
    /// <summary>SHA-256 over the DER encoding of
    /// <c>SEQUENCE { INTEGER number, OCTET STRING previousHash, OCTET STRING dataHash }</c>,
    /// the bytes Fabric's <c>protoutil.BlockHeaderBytes</c> produces. The genesis block's previous hash is empty.</summary>
    public static string HeaderHash(long number, string? previousHash, string dataHash)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.PushSequence();
        writer.WriteInteger(number);
        writer.WriteOctetString(previousHash is null ? [] : Convert.FromHexString(previousHash));
        writer.WriteOctetString(Convert.FromHexString(dataHash));
        writer.PopSequence();
        return Convert.ToHexStringLower(SHA256.HashData(writer.Encode()));
    }

    /// <summary>SHA-256 over the 32 raw bytes of each transaction id, concatenated in block order.</summary>
    public static string DataHash(IReadOnlyList<string> txIds)
    {
        var bytes = new byte[txIds.Count * 32];
        for (var i = 0; i < txIds.Count; i++)
        {
            Convert.FromHexString(txIds[i], bytes.AsSpan(i * 32, 32), out _, out _);
        }
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}

using System.Globalization;

namespace KsQuery.Modules.Keys.Hashing;

/// <summary>An Argon2id hash in PHC string form: <c>$argon2id$v=19$m=19456,t=2,p=1$&lt;salt&gt;$&lt;hash&gt;</c>
/// (unpadded standard base64).</summary>
internal sealed record PhcString(int MemoryKiB, int Iterations, int Parallelism, byte[] Salt, byte[] Hash)
{
    private const string Prefix = "$argon2id$v=19$";

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}m={MemoryKiB},t={Iterations},p={Parallelism}${Encode(Salt)}${Encode(Hash)}");

    public static bool TryParse(string? text, out PhcString phc)
    {
        phc = null!;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        var parts = text[Prefix.Length..].Split('$');
        if (parts.Length != 3)
            return false;
        int m = 0, t = 0, p = 0;
        foreach (var pair in parts[0].Split(','))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0 || !int.TryParse(pair.AsSpan(eq + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                return false;
            switch (pair[..eq])
            {
                case "m": m = value; break;
                case "t": t = value; break;
                case "p": p = value; break;
                default: return false;
            }
        }
        if (m < 8 || t < 1 || p is < 1 or > 255 || !TryDecode(parts[1], out var salt) || !TryDecode(parts[2], out var hash) ||
            salt.Length < 8 || hash.Length < 16)
            return false;
        phc = new PhcString(m, t, p, salt, hash);
        return true;
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        var padded = text.PadRight(text.Length + (4 - text.Length % 4) % 4, '=');
        bytes = new byte[padded.Length];
        if (!Convert.TryFromBase64String(padded, bytes, out var written))
            return false;
        bytes = bytes[..written];
        return true;
    }
}

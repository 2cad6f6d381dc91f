using System.Security.Cryptography;
using System.Text;

namespace MyChain;

/// <summary>A stand-in for the chain: blocks 1 to <see cref="Height"/>, each with a hash and a time computed from its
/// number, so every answer is the same on every run.</summary>
internal sealed class Ledger(long height)
{
    private static readonly DateTimeOffset Genesis = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public long Height { get; } = height;

    public BlockDto? Block(long number) =>
        number < 1 || number > Height
            ? null
            : new BlockDto(number, "0x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"MyChain block {number}"))),
                Genesis.AddSeconds(10 * number));
}

using System.Text;
using KsQuery.Modules.Keys.KeyFormat;

namespace Keys.Tests.KeyFormat;

public class Crc32Tests
{
    [Theory]
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Matches_known_vectors(string text, uint expected)
    {
        Crc32.Compute(Encoding.ASCII.GetBytes(text)).ShouldBe(expected);
        Crc32.ComputeAscii(text).ShouldBe(expected);
    }
}

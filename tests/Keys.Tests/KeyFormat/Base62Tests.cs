using KsQuery.Modules.Keys.KeyFormat;

namespace Keys.Tests.KeyFormat;

public class Base62Tests
{
    private static string Encoded(ulong value, int width)
    {
        var text = new char[width];
        Base62.Encode(value, text);
        return new string(text);
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(61UL)]
    [InlineData(62UL)]
    [InlineData(uint.MaxValue)]
    [InlineData(ulong.MaxValue)]
    public void Decodes_what_it_encodes(ulong value)
    {
        Base62.TryDecode(Encoded(value, Base62.UInt64Width), ulong.MaxValue, out var decoded).ShouldBeTrue();
        decoded.ShouldBe(value);
    }

    [Fact]
    public void Refuses_values_past_64_bits()
    {
        // 62^11 - 1 is about 2.8 times 2^64.
        Base62.TryDecode("zzzzzzzzzzz", ulong.MaxValue, out _).ShouldBeFalse();
        Base62.TryDecode("LygHa16AHYG", ulong.MaxValue, out _).ShouldBeFalse();
        Base62.TryDecode("LygHa16AHYF", ulong.MaxValue, out var max).ShouldBeTrue();
        max.ShouldBe(ulong.MaxValue);
    }

    [Fact]
    public void Refuses_values_past_the_given_maximum()
    {
        Base62.TryDecode(Encoded(uint.MaxValue, Base62.UInt32Width), uint.MaxValue, out _).ShouldBeTrue();
        Base62.TryDecode(Encoded((ulong)uint.MaxValue + 1, Base62.UInt32Width), uint.MaxValue, out _).ShouldBeFalse();
    }

    [Fact]
    public void Refuses_characters_outside_the_alphabet()
    {
        Base62.TryDecode("00000-00000", ulong.MaxValue, out _).ShouldBeFalse();
    }
}

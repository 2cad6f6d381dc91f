using System.Numerics;
using KsQuery.Plugins.Evm.Encoding;
using Shouldly;

namespace Evm.Tests;

public sealed class HexQuantityTests
{
    [Theory]
    [InlineData(0L, "0x0")]
    [InlineData(1L, "0x1")]
    [InlineData(255L, "0xff")]
    [InlineData(11155111L, "0xaa36a7")]
    [InlineData(long.MaxValue, "0x7fffffffffffffff")]
    public void Numbers_become_quantities_without_leading_zeros(long value, string expected)
    {
        HexQuantity.From(value).ShouldBe(expected);
        HexQuantity.TryParseInt64(expected, out var back).ShouldBeTrue();
        back.ShouldBe(value);
    }

    [Fact]
    public void A_uint256_quantity_becomes_its_decimal_string()
    {
        HexQuantity.TryToDecimal("0xde0b6b3a7640000", out var wei).ShouldBeTrue();
        wei.ShouldBe("1000000000000000000");
        HexQuantity.TryToDecimal("0x" + new string('f', 64), out var max).ShouldBeTrue();
        max.ShouldBe((BigInteger.Pow(2, 256) - 1).ToString());
    }

    [Fact]
    public void The_top_bit_is_not_read_as_a_sign()
    {
        HexQuantity.TryParse("0x80", out var value).ShouldBeTrue();
        value.ShouldBe(new BigInteger(128));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("12")]
    [InlineData("0xg1")]
    [InlineData("0x-1")]
    public void Malformed_quantities_are_refused(string? text) => HexQuantity.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void A_quantity_above_64_bits_is_refused_where_a_number_is_expected()
    {
        HexQuantity.TryParseInt64("0x8000000000000000", out _).ShouldBeFalse();
        HexQuantity.TryParseInt64("0x7fffffffffffffff", out _).ShouldBeTrue();
    }
}

using System.Text.Json;
using KsQuery.Plugins.Evm.Encoding;
using Shouldly;

namespace Evm.Tests;

public sealed class AbiCodecTests
{
    private static AbiFunction Function(string signature) =>
        AbiFunction.TryParse(signature, out var function, out var problem) ? function : throw new InvalidOperationException(problem);

    private static List<JsonElement> Args(string json) => [.. JsonDocument.Parse(json).RootElement.EnumerateArray().Select(e => e.Clone())];

    private static AbiType Type(string text) => AbiType.TryParse(text, out var type, out var problem) ? type : throw new InvalidOperationException(problem);

    [Theory]
    [InlineData("balanceOf(address)", "70a08231")]
    [InlineData("transfer(address,uint256)", "a9059cbb")]
    [InlineData("transfer(address, uint)", "a9059cbb")]
    [InlineData("totalSupply()", "18160ddd")]
    [InlineData("allowance(address,address)", "dd62ed3e")]
    public void Selectors_are_keccak_256_of_the_canonical_signature(string signature, string selector) =>
        Function(signature).Selector.ShouldBe(selector);

    [Fact]
    public void Balance_of_encodes_the_address_as_one_left_padded_word() =>
        AbiCodec.EncodeCall(Function("balanceOf(address)"), Args("""["0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045"]"""))
            .ShouldBe("0x70a08231000000000000000000000000d8da6bf26964af9d7eed9e03e53415d37aa96045");

    [Fact]
    public void Integers_come_as_numbers_decimal_strings_or_hex()
    {
        var expected = "0xa9059cbb000000000000000000000000d8da6bf26964af9d7eed9e03e53415d37aa96045" + "00000000000000000000000000000000000000000000000000000000000003e8";
        foreach (var amount in new[] { "1000", "\"1000\"", "\"0x3e8\"" })
            AbiCodec.EncodeCall(Function("transfer(address,uint256)"), Args($"""["0xd8da6bf26964af9d7eed9e03e53415d37aa96045",{amount}]""")).ShouldBe(expected);
    }

    [Fact]
    public void A_string_argument_is_encoded_with_offset_length_and_padded_data()
    {
        var data = AbiCodec.EncodeCall(Function("f(string)"), Args("""["abc"]"""));
        data.ShouldBe("0x" + Function("f(string)").Selector
            + "0000000000000000000000000000000000000000000000000000000000000020"
            + "0000000000000000000000000000000000000000000000000000000000000003"
            + "6162630000000000000000000000000000000000000000000000000000000000");
    }

    [Theory]
    [InlineData("balanceOf(address)", """["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"]""", "args[0]", "checksum")]
    [InlineData("balanceOf(address)", """["0x1234"]""", "args[0]", "40 hex")]
    [InlineData("balanceOf(address)", """[]""", "args", "takes 1 argument")]
    [InlineData("f(uint8)", """[256]""", "args[0]", "out of range")]
    [InlineData("f(uint256)", """[-1]""", "args[0]", "out of range")]
    [InlineData("f(int8)", """[-129]""", "args[0]", "out of range")]
    [InlineData("f(uint256)", """[1.5]""", "args[0]", "integer")]
    [InlineData("f(bool)", """["true"]""", "args[0]", "true or false")]
    [InlineData("f(bytes4)", """["0x123456"]""", "args[0]", "8 hex digits")]
    [InlineData("f(bytes)", """["0x123"]""", "args[0]", "even number")]
    [InlineData("f(uint256[2])", """[[1]]""", "args[0]", "2 element")]
    [InlineData("f(uint256[])", """[[1,"x"]]""", "args[0][1]", "integer")]
    public void A_bad_argument_is_refused_naming_it(string signature, string args, string field, string message)
    {
        var ex = Should.Throw<AbiException>(() => AbiCodec.EncodeCall(Function(signature), Args(args)));
        ex.Field.ShouldBe(field);
        ex.Message.ShouldContain(message);
    }

    [Theory]
    [InlineData("balanceOf")]
    [InlineData("balanceOf(address")]
    [InlineData("f((uint256,address))")]
    [InlineData("f(uint7)")]
    [InlineData("f(bytes33)")]
    [InlineData("f(float)")]
    [InlineData("1f(uint256)")]
    public void Bad_signatures_are_refused(string signature) => AbiFunction.TryParse(signature, out _, out _).ShouldBeFalse();

    [Fact]
    public void Results_decode_to_json_values_by_type()
    {
        var data = "0x"
            + "00000000000000000000000000000000000000000000000000000000000f4240" // uint256 1000000
            + "000000000000000000000000d8da6bf26964af9d7eed9e03e53415d37aa96045" // address
            + "0000000000000000000000000000000000000000000000000000000000000001" // bool true
            + "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" // int256 -1
            + "00000000000000000000000000000000000000000000000000000000000000a0" // string offset
            + "0000000000000000000000000000000000000000000000000000000000000005"
            + "68656c6c6f000000000000000000000000000000000000000000000000000000";
        var values = AbiCodec.Decode(data, [Type("uint256"), Type("address"), Type("bool"), Type("int256"), Type("string")]);

        values.Select(v => v.GetRawText()).ShouldBe(["\"1000000\"", "\"0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045\"", "true", "\"-1\"", "\"hello\""]);
    }

    [Fact]
    public void Dynamic_arrays_and_bytes_decode_too()
    {
        var data = "0x"
            + "0000000000000000000000000000000000000000000000000000000000000040"
            + "1234000000000000000000000000000000000000000000000000000000000000" // bytes2 0x1234
            + "0000000000000000000000000000000000000000000000000000000000000002"
            + "0000000000000000000000000000000000000000000000000000000000000007"
            + "0000000000000000000000000000000000000000000000000000000000000009";
        var values = AbiCodec.Decode(data, [Type("uint[]"), Type("bytes2")]);

        values[0].GetRawText().ShouldBe("[\"7\",\"9\"]");
        values[1].GetString().ShouldBe("0x1234");
    }

    [Fact]
    public void A_result_too_short_for_its_types_is_refused() =>
        Should.Throw<AbiException>(() => AbiCodec.Decode("0x01", [Type("uint256")])).Field.ShouldBe("returns");

    [Fact]
    public void Error_string_and_panic_revert_data_are_decoded()
    {
        var error = "0x08c379a0"
            + "0000000000000000000000000000000000000000000000000000000000000020"
            + "000000000000000000000000000000000000000000000000000000000000001b"
            + "45524332303a20696e73756666696369656e742062616c616e6365000000000000";
        RevertReason.Decode(error).ShouldBe("ERC20: insufficient balance");
        RevertReason.Decode("0x4e487b71" + "0000000000000000000000000000000000000000000000000000000000000011").ShouldBe("panic 0x11");
        RevertReason.Decode("0xdeadbeef").ShouldBeNull();
    }
}

using KsQuery.Plugins.Evm.Encoding;
using Shouldly;

namespace Evm.Tests;

public sealed class EvmAddressTests
{
    // The test vectors of EIP-55 (https://eips.ethereum.org/EIPS/eip-55).
    [Theory]
    [InlineData("0x52908400098527886E0F7030069857D2E4169EE7")]
    [InlineData("0x8617E340B3D01FA5F11F306F4090FD50E238070D")]
    [InlineData("0xde709f2102306220921060314715629080e2fb77")]
    [InlineData("0x27b1fdb04752bbc536007a920d24acb045561c26")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void The_EIP_55_vectors_are_accepted_and_reproduced(string vector)
    {
        EvmAddress.Problem(vector).ShouldBeNull();
        var isAllOneCase = vector[2..] == vector[2..].ToLowerInvariant() || vector[2..] == vector[2..].ToUpperInvariant();
        if (!isAllOneCase)
            EvmAddress.Checksum(vector.ToLowerInvariant()).ShouldBe(vector);
    }

    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0x52908400098527886e0f7030069857d2e4169ee7", "0x52908400098527886E0F7030069857D2E4169EE7")]
    [InlineData("0xDE709F2102306220921060314715629080E2FB77", "0xde709f2102306220921060314715629080e2fb77")]
    public void Any_case_of_a_valid_address_checksums_to_the_EIP_55_form(string input, string expected) =>
        EvmAddress.Checksum(input).ShouldBe(expected);

    [Fact]
    public void A_mixed_case_address_with_one_letter_flipped_is_refused_naming_the_right_checksum()
    {
        var wrong = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD";
        EvmAddress.Problem(wrong).ShouldNotBeNull().ShouldContain("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaedd0")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg")]
    [InlineData("0X5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    public void Malformed_addresses_are_refused(string? input) => EvmAddress.Problem(input).ShouldNotBeNull();
}

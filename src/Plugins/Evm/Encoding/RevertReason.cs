using System.Globalization;
using System.Numerics;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.Model;

namespace KsQuery.Plugins.Evm.Encoding;

/// <summary>The reason carried by a revert's data: <c>Error(string)</c> or <c>Panic(uint256)</c>; null for custom errors.</summary>
internal static class RevertReason
{
    private const string ErrorSelector = "0x08c379a0";
    private const string PanicSelector = "0x4e487b71";

    public static string? Decode(string? data)
    {
        if (data is null || !HexData.IsValid(data) || data.Length < 10)
            return null;
        try
        {
            if (data.StartsWith(ErrorSelector, StringComparison.OrdinalIgnoreCase))
                return new FunctionCallDecoder().DecodeDefaultData("0x" + data[10..], new Parameter("string", 1))[0].Result as string;
            if (data.StartsWith(PanicSelector, StringComparison.OrdinalIgnoreCase)
                && new FunctionCallDecoder().DecodeDefaultData("0x" + data[10..], new Parameter("uint256", 1))[0].Result is BigInteger code)
                return "panic 0x" + code.ToString("x2", CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
        return null;
    }
}

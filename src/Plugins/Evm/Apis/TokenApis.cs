using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.Evm.Encoding;
using KsQuery.Plugins.Evm.Gateway;
using KsQuery.Plugins.Evm.Json;

namespace KsQuery.Plugins.Evm.Apis;

/// <summary>ERC-20 reads through eth_call at the latest block.</summary>
internal static class TokenApis
{
    private static readonly EvmJsonContext Json = EvmJsonContext.Default;
    private const string Name = "0x06fdde03";
    private const string Symbol = "0x95d89b41";
    private const string Decimals = "0x313ce567";
    private const string TotalSupply = "0x18160ddd";
    private const string BalanceOf = "0x70a08231";

    private static readonly AbiType Uint256 = Parse("uint256");
    private static readonly AbiType Text = Parse("string");

    public static async Task<ApiResult> InfoAsync(CallReader args, RpcClient rpc, CancellationToken cancellationToken)
    {
        var token = args.Address("contract");
        var results = await ContractCalls.CallAllAsync(rpc, token, null, "latest", cancellationToken, Name, Symbol, Decimals, TotalSupply);
        return ApiResult.Ok(new TokenInfoDto(
            EvmAddress.Checksum(token),
            String(results[0], "name()"),
            String(results[1], "symbol()"),
            DecimalsOf(results[2]),
            Integer(results[3], "totalSupply()")), Json.TokenInfoDto);
    }

    public static async Task<ApiResult> BalanceAsync(CallReader args, RpcClient rpc, CancellationToken cancellationToken)
    {
        var token = args.Address("contract");
        var holder = args.Address("address");
        var results = await ContractCalls.CallAllAsync(rpc, token, null, "latest", cancellationToken, BalanceOf + holder[2..].PadLeft(64, '0'), Decimals);
        return ApiResult.Ok(new TokenBalanceDto(EvmAddress.Checksum(token), EvmAddress.Checksum(holder),
            Integer(results[0], "balanceOf(address)"), DecimalsOf(results[1])), Json.TokenBalanceDto);
    }

    private static int DecimalsOf(string data)
    {
        var value = Integer(data, "decimals()");
        return int.TryParse(value, out var decimals) && decimals <= 255
            ? decimals
            : throw new RpcFailure(RpcErrors.Reverted("decimals() returned a value above 255: this is not an ERC-20 token."));
    }

    private static string Integer(string data, string function)
    {
        if (data.Length < 66)
            throw NoData(function);
        return AbiCodec.Decode(data[..66], [Uint256])[0].GetString()!;
    }

    /// <summary>A string, or (older tokens such as MKR) a bytes32 holding the text padded with zeros.</summary>
    private static string String(string data, string function)
    {
        if (data.Length < 66)
            throw NoData(function);
        try
        {
            return AbiCodec.Decode(data, [Text])[0].GetString()!;
        }
        catch (AbiException) when (data.Length == 66)
        {
            var bytes = HexData.ToBytes(data);
            var length = Array.IndexOf(bytes, (byte)0);
            return System.Text.Encoding.UTF8.GetString(bytes, 0, length < 0 ? bytes.Length : length);
        }
        catch (AbiException)
        {
            throw new RpcFailure(RpcErrors.Reverted($"{function} returned data that is not a string: this may not be an ERC-20 token."));
        }
    }

    private static RpcFailure NoData(string function) =>
        new(RpcErrors.Reverted($"{function} returned no data: the contract may not be an ERC-20 token."));

    private static AbiType Parse(string text) => AbiType.TryParse(text, out var type, out _) ? type : throw new InvalidOperationException(text);
}

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
        var name = ContractCalls.CallAsync(rpc, token, Name, null, "latest", cancellationToken);
        var symbol = ContractCalls.CallAsync(rpc, token, Symbol, null, "latest", cancellationToken);
        var decimals = ContractCalls.CallAsync(rpc, token, Decimals, null, "latest", cancellationToken);
        var supply = ContractCalls.CallAsync(rpc, token, TotalSupply, null, "latest", cancellationToken);
        await WhenAllAsync(name, symbol, decimals, supply);
        return ApiResult.Ok(new TokenInfoDto(
            EvmAddress.Checksum(token),
            String(await name, "name()"),
            String(await symbol, "symbol()"),
            DecimalsOf(await decimals),
            Integer(await supply, "totalSupply()")), Json.TokenInfoDto);
    }

    public static async Task<ApiResult> BalanceAsync(CallReader args, RpcClient rpc, CancellationToken cancellationToken)
    {
        var token = args.Address("contract");
        var holder = args.Address("address");
        var balance = ContractCalls.CallAsync(rpc, token, BalanceOf + holder[2..].PadLeft(64, '0'), null, "latest", cancellationToken);
        var decimals = ContractCalls.CallAsync(rpc, token, Decimals, null, "latest", cancellationToken);
        await WhenAllAsync(balance, decimals);
        return ApiResult.Ok(new TokenBalanceDto(EvmAddress.Checksum(token), EvmAddress.Checksum(holder),
            Integer(await balance, "balanceOf(address)"), DecimalsOf(await decimals)), Json.TokenBalanceDto);
    }

    /// <summary>Waits for every call, then lets the first failure surface (a contract_not_found before a revert).</summary>
    private static async Task WhenAllAsync(params Task<string>[] calls)
    {
        try
        {
            await Task.WhenAll(calls);
        }
        catch (RpcFailure)
        {
            var failures = calls.Where(c => c.IsFaulted).Select(c => c.Exception!.InnerException).OfType<RpcFailure>().ToList();
            throw failures.FirstOrDefault(f => f.Error.Status == 404) ?? failures.First();
        }
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

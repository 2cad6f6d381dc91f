using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt.Apis;
using KsQuery.Plugins.KalpDlt.Ledger;

namespace KsQuery.Plugins.KalpDlt.Catalog;

/// <summary>Examples taken from the running local ledger: a GINI transfer and its block, its receiver (who holds GINI),
/// and the answers the APIs give for them. Every example is run through the executor once at start; only those that
/// succeed are kept, so the docs never offer a call that fails. The ledger's history is fixed by its seed, so the same
/// settings give the same examples.</summary>
internal static class LedgerExamples
{
    public static async ValueTask<IReadOnlyDictionary<string, ApiExample>> CollectAsync(
        IReadOnlyList<ApiDescriptor> apis, IApiExecutor executor, LocalLedger ledger, CancellationToken cancellationToken)
    {
        var examples = new Dictionary<string, ApiExample>(StringComparer.Ordinal);
        if (ledger.Latest is not { } latest)
        {
            return examples;
        }
        var (block, transfer) = await LatestGiniTransferAsync(ledger, latest, cancellationToken);
        var address = transfer is null ? null : await HolderAsync(ledger, transfer, cancellationToken);

        var candidates = new List<(string ApiId, Dictionary<string, string> Parameters, string? Body)>
        {
            (KalpApiIds.NetworkInfo, [], null),
            (KalpApiIds.Channels, [], null),
            (KalpApiIds.Blocks, [], null),
            (KalpApiIds.BlockLatest, [], null),
            (KalpApiIds.Block, new() { ["number"] = Number(block.Number) }, null),
            (KalpApiIds.BlockByHash, new() { ["hash"] = block.Hash }, null),
            (KalpApiIds.BlockTransactions, new() { ["number"] = Number(block.Number) }, null),
            (KalpApiIds.Transactions, [], null),
            (KalpApiIds.Contracts, [], null),
            (KalpApiIds.Contract, new() { ["contractId"] = KalpNetwork.GiniContractId }, null),
            (KalpApiIds.Token, new() { ["contractId"] = KalpNetwork.GiniContractId }, null),
            (KalpApiIds.Events, [], null),
            (KalpApiIds.AnalyticsChaincode, [], null),
        };
        if (transfer is not null)
        {
            candidates.Add((KalpApiIds.Transaction, new() { ["txId"] = transfer.TxId }, null));
        }
        if (address is not null)
        {
            candidates.Add((KalpApiIds.Balance, new() { ["address"] = address }, null));
            candidates.Add((KalpApiIds.AccountTransactions, new() { ["address"] = address }, null));
            candidates.Add((KalpApiIds.ContractQuery, new() { ["contractId"] = KalpNetwork.GiniContractId, ["function"] = "BalanceOf" },
                new JsonObject { ["walletAddress"] = address, ["args"] = new JsonObject { ["account"] = address } }.ToJsonString()));
        }

        foreach (var (apiId, parameters, body) in candidates)
        {
            if (apis.FirstOrDefault(a => a.Id == apiId) is not { } api)
            {
                continue;
            }
            if (await AnswerAsync(api, parameters, body, executor, cancellationToken) is { } response)
            {
                examples[apiId] = new ApiExample(parameters, body, response);
            }
        }
        return examples;
    }

    /// <summary>The call as the host would make it (absent optional parameters carry their defaults); the answer's JSON,
    /// or null when it fails.</summary>
    private static async ValueTask<string?> AnswerAsync(
        ApiDescriptor api, Dictionary<string, string> parameters, string? body, IApiExecutor executor, CancellationToken cancellationToken)
    {
        var withDefaults = new Dictionary<string, string>(parameters, StringComparer.Ordinal);
        foreach (var parameter in api.Parameters.Where(p => p.Default is not null))
        {
            withDefaults.TryAdd(parameter.Name, parameter.Default!);
        }
        JsonElement? parsed = body is null ? null : JsonDocument.Parse(body).RootElement.Clone();
        var result = await executor.ExecuteAsync(new ApiCall(KalpNetwork.NetworkId, api.Id, withDefaults, parsed), cancellationToken);
        return result.Error is null && result.TypeInfo is not null ? JsonSerializer.Serialize(result.Value, result.TypeInfo) : null;
    }

    /// <summary>The newest block holding a valid GINI Transfer, and that transfer; the latest block and none when there is none.</summary>
    private static async ValueTask<(LedgerBlock Block, LedgerTransaction? Transfer)> LatestGiniTransferAsync(
        LocalLedger ledger, LedgerBlock latest, CancellationToken cancellationToken)
    {
        for (var number = latest.Number; number >= 0; number--)
        {
            if (await ledger.GetBlockAsync(number, cancellationToken) is not { } block)
            {
                continue;
            }
            foreach (var txId in block.TxIds)
            {
                if (await ledger.GetTransactionAsync(txId, cancellationToken) is
                    { IsValid: true, Function: "Transfer", ChaincodeName: KalpNetwork.GiniContractId } transfer)
                {
                    return (block, transfer);
                }
            }
        }
        return (latest, null);
    }

    /// <summary>The transfer's receiver, or its sender, whichever holds GINI now.</summary>
    private static async ValueTask<string?> HolderAsync(LocalLedger ledger, LedgerTransaction transfer, CancellationToken cancellationToken)
    {
        foreach (var address in new[] { transfer.Event?.Get("to"), transfer.Creator })
        {
            if (address is not null && await ledger.GetBalanceAsync(KalpNetwork.GiniContractId, address, cancellationToken) > UInt128.Zero)
            {
                return address;
            }
        }
        return null;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

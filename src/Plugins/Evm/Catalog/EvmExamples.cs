namespace KsQuery.Plugins.Evm.Catalog;

/// <summary>Example values and answers for the docs: well-known Ethereum mainnet data (USDT, a Vitalik address, the
/// first transaction of block 46147), the same for every network so the document does not depend on configuration.</summary>
internal static class EvmExamples
{
    public const string Block = "46147";
    public const string BlockHash = "0x4e3a3754410177e6937ef1f84bba68ea139e8d1a2258c5f85db9f1cd715a1bdd";
    public const string TransactionHash = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060";
    public const string Account = "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045";
    public const string Token = "0xdAC17F958D2ee523a2206206994597C13D831ec7";
    public const string TransferTopic = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

    public const string NetworkInfo = """{"chainId":1,"latestBlock":21000000,"gasPrice":"12000000000","syncing":false,"clientVersion":"Geth/v1.14.11-stable/linux-amd64/go1.22.7"}""";
    public const string BlockNumber = """{"number":21000000}""";
    public const string BlockAnswer = """{"number":46147,"hash":"0x4e3a3754410177e6937ef1f84bba68ea139e8d1a2258c5f85db9f1cd715a1bdd","parentHash":"0x5a41d0e66b4120775176c09fcf39e7c0520517a13d2b57b18d33d342df038bfc","timestamp":1438918233,"miner":"0xe6A7a1d47ff21B6321162AEA7C6CB457D5476Bca","gasLimit":3141592,"gasUsed":21000,"baseFeePerGas":null,"size":652,"transactionCount":1,"transactions":["0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060"]}""";
    public const string TransactionAnswer = """{"hash":"0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060","blockNumber":46147,"blockHash":"0x4e3a3754410177e6937ef1f84bba68ea139e8d1a2258c5f85db9f1cd715a1bdd","transactionIndex":0,"from":"0xA1E4380A3B1f749673E270229993eE55F35663b4","to":"0x5DF9B87991262F6BA471F09758CDE1c0FC1De734","value":"31337","gas":21000,"gasPrice":"50000000000000","maxFeePerGas":null,"maxPriorityFeePerGas":null,"nonce":0,"input":"0x","type":0}""";
    public const string TransactionPage = """{"items":[""" + TransactionAnswer + """],"page":1,"size":20,"total":1}""";
    public const string ReceiptAnswer = """{"transactionHash":"0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060","blockNumber":46147,"blockHash":"0x4e3a3754410177e6937ef1f84bba68ea139e8d1a2258c5f85db9f1cd715a1bdd","transactionIndex":0,"from":"0xA1E4380A3B1f749673E270229993eE55F35663b4","to":"0x5DF9B87991262F6BA471F09758CDE1c0FC1De734","contractAddress":null,"status":"success","gasUsed":21000,"cumulativeGasUsed":21000,"effectiveGasPrice":"50000000000000","logs":[]}""";
    public const string Balance = """{"address":"0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045","block":"latest","balance":"1234500000000000000"}""";
    public const string Nonce = """{"address":"0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045","block":"latest","nonce":1420}""";
    public const string Code = """{"address":"0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045","block":"latest","code":"0x","isContract":false}""";
    public const string TokenInfo = """{"address":"0xdAC17F958D2ee523a2206206994597C13D831ec7","name":"Tether USD","symbol":"USDT","decimals":6,"totalSupply":"76923456789012345"}""";
    public const string TokenBalance = """{"token":"0xdAC17F958D2ee523a2206206994597C13D831ec7","address":"0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045","balance":"1000000","decimals":6}""";
    public const string CallBody = """{"data":"0x18160ddd","block":"latest"}""";
    public const string CallAnswer = """{"result":"0x000000000000000000000000000000000000000000000000011148b0d2c2f5f9"}""";
    public const string CallFunctionBody = """{"function":"balanceOf(address)","args":["0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045"],"returns":["uint256"],"block":"latest"}""";
    public const string CallFunctionAnswer = """{"result":"0x00000000000000000000000000000000000000000000000000000000000f4240","values":["1000000"]}""";
    public const string LogPage = """{"items":[{"address":"0xdAC17F958D2ee523a2206206994597C13D831ec7","topics":["0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef","0x000000000000000000000000d8da6bf26964af9d7eed9e03e53415d37aa96045","0x0000000000000000000000005df9b87991262f6ba471f09758cde1c0fc1de734"],"data":"0x00000000000000000000000000000000000000000000000000000000000f4240","blockNumber":21000000,"blockHash":"0x8a6d9e0c5e1b0b2c4f0b5d1f2b9e4b8f3e0e9d6a1c2b3a4f5e6d7c8b9a0f1e2d","transactionHash":"0x2b4f1e8a9c3d5e7f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071","transactionIndex":12,"logIndex":40,"removed":false}],"page":1,"size":20,"total":1,"fromBlock":21000000,"toBlock":21000000}""";
    public const string RpcBody = """{"method":"eth_blockNumber","params":[]}""";
    public const string RpcAnswer = """{"result":"0x1406f40"}""";
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace KsQuery.Plugins.Evm.Json;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(NetworkInfoDto))]
[JsonSerializable(typeof(BlockNumberDto))]
[JsonSerializable(typeof(BlockDto))]
[JsonSerializable(typeof(TransactionPageDto))]
[JsonSerializable(typeof(TransactionDto))]
[JsonSerializable(typeof(ReceiptDto))]
[JsonSerializable(typeof(BalanceDto))]
[JsonSerializable(typeof(NonceDto))]
[JsonSerializable(typeof(CodeDto))]
[JsonSerializable(typeof(TokenInfoDto))]
[JsonSerializable(typeof(TokenBalanceDto))]
[JsonSerializable(typeof(CallResultDto))]
[JsonSerializable(typeof(CallFunctionResultDto))]
[JsonSerializable(typeof(LogPageDto))]
[JsonSerializable(typeof(RpcResultDto))]
internal sealed partial class EvmJsonContext : JsonSerializerContext;

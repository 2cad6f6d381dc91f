using System.Text.Json;
using System.Text.Json.Serialization;

namespace KsQuery.Plugins.KalpDlt.Json;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(NetworkInfoDto))]
[JsonSerializable(typeof(PageDto<ChannelDto>))]
[JsonSerializable(typeof(PageDto<BlockSummaryDto>))]
[JsonSerializable(typeof(BlockDto))]
[JsonSerializable(typeof(PageDto<TransactionSummaryDto>))]
[JsonSerializable(typeof(TransactionDto))]
[JsonSerializable(typeof(PageDto<ContractDto>))]
[JsonSerializable(typeof(ContractDto))]
[JsonSerializable(typeof(ContractQueryTextDto))]
[JsonSerializable(typeof(ContractQueryNumberDto))]
[JsonSerializable(typeof(ContractQueryJsonDto))]
[JsonSerializable(typeof(TokenDto))]
[JsonSerializable(typeof(BalanceDto))]
[JsonSerializable(typeof(PageDto<EventDto>))]
[JsonSerializable(typeof(ChaincodeAnalyticsDto))]
internal sealed partial class KalpJsonContext : JsonSerializerContext;

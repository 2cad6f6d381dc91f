using System.Text.Json;
using System.Text.Json.Serialization;

namespace MyChain;

/// <summary>Source-generated JSON for every type the plugin reads or answers (camelCase, like the host).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BlockDto))]
[JsonSerializable(typeof(BlockRangeDto))]
[JsonSerializable(typeof(RangeQueryDto))]
internal sealed partial class MyChainJson : JsonSerializerContext;

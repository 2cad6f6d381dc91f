using System.Text.Json.Serialization;
using KsQuery.Modules.Usage.KeyUsage;

namespace KsQuery.Modules.Usage.Json;

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(KeyUsageDto))]
internal sealed partial class UsageJsonContext : JsonSerializerContext;

using System.Text.Json;
using System.Text.Json.Serialization;

namespace KsQuery.Plugins.KalpDlt.Gateway;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GatewayQueryRequest))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;

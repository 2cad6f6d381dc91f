using System.Text.Json.Serialization;
using KsQuery.Modules.Chains.Catalog;

namespace KsQuery.Modules.Chains.Json;

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ChainDto[]))]
[JsonSerializable(typeof(CatalogDto))]
internal sealed partial class ChainsJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Usage.KeyUsage;
using KsQuery.Modules.Usage.Rejections;
using KsQuery.Modules.Usage.Summary;
using KsQuery.Modules.Usage.Timeseries;

namespace KsQuery.Modules.Usage.Json;

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(KeyUsageDto))]
[JsonSerializable(typeof(UsageSummaryDto))]
[JsonSerializable(typeof(IReadOnlyList<TimeseriesPointDto>))]
[JsonSerializable(typeof(PagedList<RejectionDto>))]
internal sealed partial class UsageJsonContext : JsonSerializerContext;

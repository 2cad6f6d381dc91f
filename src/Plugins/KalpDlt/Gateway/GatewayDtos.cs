using System.Text.Json;

namespace KsQuery.Plugins.KalpDlt.Gateway;

/// <summary>The body of <c>POST /v1/contract/kalp/query/{contractId}/{function}</c>.</summary>
internal sealed record GatewayQueryRequest(string Network, string Blockchain, string WalletAddress, JsonElement Args);

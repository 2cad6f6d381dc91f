using System.Text.Json;
using Host.Tests.Support;

namespace Host.Tests.OpenApi;

/// <summary>Who may call an operation, as docs/api.md states it: public routes need nothing, chain APIs an API key, every
/// other route (the dashboard) an account's bearer token. Chain APIs are known from the running host's catalogs, so a
/// new route that is neither listed public here nor in a catalog counts as a dashboard route.</summary>
public enum OperationKind { Public, Dashboard, ChainApi }

public static class OperationKinds
{
    private static readonly string[] PublicExact = ["/health", "/health/live", "/health/ready", "/v1/chains", "/v1/accounts"];
    private static readonly string[] PublicPrefixes = ["/v1/chains/", "/v1/accounts/", "/v1/auth/"];

    /// <summary>"METHOD path" of every chain API in the catalog of every available network.</summary>
    public static async Task<HashSet<string>> ChainApisAsync(ApiClient api)
    {
        var chainApis = new HashSet<string>(StringComparer.Ordinal);
        var (_, chains, _) = await api.GetAsync("/v1/chains");
        foreach (var chain in chains.EnumerateArray().Where(c => c.GetProperty("status").GetString() == "available"))
            foreach (var network in chain.GetProperty("networks").EnumerateArray().Where(n => n.GetProperty("status").GetString() == "available"))
            {
                var (_, catalog, _) = await api.GetAsync($"/v1/chains/{chain.GetProperty("id").GetString()}/networks/{network.GetProperty("id").GetString()}/apis");
                foreach (var entry in catalog.GetProperty("apis").EnumerateArray())
                    chainApis.Add($"{entry.GetProperty("method").GetString()!.ToUpperInvariant()} {entry.GetProperty("path").GetString()}");
            }
        chainApis.ShouldNotBeEmpty("the test host serves no chain API, so the chain API checks would check nothing");
        // A network its plugin lists as coming soon (the EVM plugin's without an upstream) has no catalog to read, but its
        // APIs are mapped and documented: every path under it is a chain API. Kept as "/v1/<chain>/<network>/" prefixes.
        foreach (var chain in chains.EnumerateArray())
            foreach (var network in chain.GetProperty("networks").EnumerateArray().Where(n => n.GetProperty("status").GetString() != "available"))
                chainApis.Add($"/v1/{chain.GetProperty("id").GetString()}/{network.GetProperty("id").GetString()}/");
        return chainApis;
    }

    public static OperationKind Of(string path, string method, IReadOnlySet<string> chainApis) =>
        chainApis.Contains($"{method.ToUpperInvariant()} {path}")
            || chainApis.Any(prefix => prefix[0] == '/' && path.StartsWith(prefix, StringComparison.Ordinal)) ? OperationKind.ChainApi
        : PublicExact.Contains(path) || PublicPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal)) ? OperationKind.Public
        : OperationKind.Dashboard;

    /// <summary>The path with every template parameter filled, for a request that only needs to reach the credential check.</summary>
    public static string Fill(string path) => System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", "1");

    /// <summary>Whether the document declares the operation as a chain API (called with an API key), whatever the plugin
    /// and whether or not its network is available yet.</summary>
    public static bool IsKeyed(JsonElement operation) =>
        operation.TryGetProperty("security", out var security) && security.ValueKind == JsonValueKind.Array
        && security.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("apiKey", out _));

    public static string Security(JsonElement operation) =>
        operation.TryGetProperty("security", out var security) ? security.GetRawText() : "(none)";
}

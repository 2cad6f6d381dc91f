namespace Bench.Runner;

/// <summary>The bare Kestrel baseline, answering the very bodies KS Query answers (read from it with a valid key); its fair
/// answers (issue 20) also carry the headers KS Query's do (security, <c>RateLimit-*</c>, <c>WWW-Authenticate</c>).</summary>
internal static class BaselineService
{
    public static async Task<ServiceProcess> StartAsync(BenchOptions options, Setup ksq, string validKey)
    {
        var bodies = Directory.CreateTempSubdirectory("ksq-bench-bodies-").FullName;
        await File.WriteAllTextAsync(Path.Combine(bodies, "network.json"), await ksq.GetRawAsync("/v1/kalp/testnet/network", validKey));
        await File.WriteAllTextAsync(Path.Combine(bodies, "block.json"), await ksq.GetRawAsync("/v1/kalp/testnet/blocks/1", validKey));
        await File.WriteAllTextAsync(Path.Combine(bodies, "unauthorized.json"), await ksq.GetRawAsync("/v1/kalp/testnet/network", KeyForge.UnknownId()));
        await File.WriteAllTextAsync(Path.Combine(bodies, "network.headers"), await ksq.GetHeadersAsync("/v1/kalp/testnet/network", validKey));
        await File.WriteAllTextAsync(Path.Combine(bodies, "unauthorized.headers"), await ksq.GetHeadersAsync("/v1/kalp/testnet/network", KeyForge.UnknownId()));
        var baseline = ServiceProcess.Start(options.BaselineDll, new Dictionary<string, string>
        {
            ["BASELINE_NETWORK_JSON"] = Path.Combine(bodies, "network.json"),
            ["BASELINE_BLOCK_JSON"] = Path.Combine(bodies, "block.json"),
            ["BASELINE_UNAUTHORIZED_JSON"] = Path.Combine(bodies, "unauthorized.json"),
            ["BASELINE_NETWORK_HEADERS"] = Path.Combine(bodies, "network.headers"),
            ["BASELINE_UNAUTHORIZED_HEADERS"] = Path.Combine(bodies, "unauthorized.headers"),
        });
        await baseline.WaitUntilServingAsync("/network", TimeSpan.FromSeconds(30));
        return baseline;
    }
}

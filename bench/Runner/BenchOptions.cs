using System.Globalization;

namespace Bench.Runner;

internal sealed record BenchOptions(string HostDll, string BaselineDll, int Rounds, int Seconds, int Connections, int Blocks, int ExtraKeys, int StoredKeys, int Warmup, string Scenarios,
    bool Security, int LoginSamples, int FloodConnections, int FloodKeys, int FloodSeconds, bool Evm, string Anvil, bool Metrics, bool ScaleOut,
    int ActiveKeys, bool RealArgon2)
{
    /// <summary>Whether scenario <paramref name="number"/> (1..5, 7) is selected by <c>--scenarios 1,3</c>; 6 always runs.
    /// <c>--restricted</c> alone selects 7: the keyed call with an unrestricted key and with a key carrying every
    /// restriction, side by side.</summary>
    public bool Runs(int number) => Scenarios == "all" || Scenarios.Split(',').Contains(number.ToString(CultureInfo.InvariantCulture));

    public static BenchOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }
        int Int(string name, int fallback) => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        return new BenchOptions(
            Path.GetFullPath(Value("--host", "src/Host/bin/Release/net10.0/KsQuery.Host.dll")),
            Path.GetFullPath(Value("--baseline", "bench/Baseline/bin/Release/net10.0/Baseline.dll")),
            Int("--rounds", 5),
            Int("--seconds", 5),
            Int("--connections", 32),
            Int("--blocks", 3000),
            Int("--extra-keys", 0),
            Int("--stored-keys", 0),
            Int("--warmup", 8),
            Value("--scenarios", args.Contains("--restricted") ? "7" : "all"),
            args.Contains("--security"),
            Int("--login-samples", 150),
            Int("--flood-connections", 16),
            Int("--flood-keys", 150),
            Int("--flood-seconds", 40),
            args.Contains("--evm"),
            Value("--anvil", "tools/anvil/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"),
            args.Contains("--metrics"),
            args.Contains("--scale-out"),
            Int("--active-keys", 0),
            args.Contains("--real-argon2"));
    }
}

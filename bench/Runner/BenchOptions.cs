using System.Globalization;

namespace Bench.Runner;

internal sealed record BenchOptions(string Root, int Rounds, int Seconds, int Connections, int Blocks, int ExtraKeys, int Warmup)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }
        int Int(string name, int fallback) => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        return new BenchOptions(
            Path.GetFullPath(Value("--root", ".")),
            Int("--rounds", 3),
            Int("--seconds", 5),
            Int("--connections", 32),
            Int("--blocks", 3000),
            Int("--extra-keys", 0),
            Int("--warmup", 8));
    }
}

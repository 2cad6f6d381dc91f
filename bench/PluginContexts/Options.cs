using System.Globalization;

namespace Bench.PluginContexts;

/// <summary>--plugin PATH (the published plugin assembly), --rounds 7, --blocks 3000 (the plugin's default ledger),
/// --passes 300 (timed steady-state passes over every API, once tiering has settled);
/// internal: --child collectible|default [--diagnose] for one measured process.</summary>
internal sealed record Options(string Plugin, int Rounds, long Blocks, int Passes, bool? Child, bool Diagnose)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var diagnose = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--diagnose")
                diagnose = true;
            else if (args[i] == "--plugin-contexts")
                continue; // bench/run's switch, passed through
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
                values[args[i][2..]] = args[++i];
            else
                throw new ArgumentException($"unexpected argument '{args[i]}' (options: --plugin PATH --rounds 7 --blocks 3000 --passes 300)");
        }
        var plugin = values.GetValueOrDefault("plugin") ?? throw new ArgumentException("--plugin PATH (the published plugin assembly) is required");
        bool? child = values.GetValueOrDefault("child") switch
        {
            null => null,
            "collectible" => true,
            "default" => false,
            var other => throw new ArgumentException($"--child collectible|default, not '{other}'"),
        };
        return new Options(Path.GetFullPath(plugin), Int("rounds", 7), Int("blocks", 3000), Int("passes", 300), child, diagnose);

        int Int(string name, int fallback) => values.TryGetValue(name, out var text)
            ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) is var value and > 0 ? value : throw new ArgumentException($"--{name} must be positive")
            : fallback;
    }
}

using System.Globalization;
using KsQuery.Plugins.Abstractions;

namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>Settings of the local Test Net ledger. Each key may also be given per network, e.g. <c>Networks:testnet:Seed</c>,
/// which wins over the plain key.</summary>
internal sealed record LedgerSettings(long Seed, long Blocks, int BlockIntervalSeconds)
{
    public const string SeedKey = "Seed";
    public const string BlocksKey = "Blocks";
    public const string BlockIntervalSecondsKey = "BlockIntervalSeconds";

    public const long DefaultSeed = 19031998;
    public const long DefaultBlocks = 3000;
    public const long MaxBlocks = 1_000_000;

    public static LedgerSettings From(PluginContext context) => new(
        Read(context, SeedKey, DefaultSeed, long.MinValue, long.MaxValue),
        Read(context, BlocksKey, DefaultBlocks, 1, MaxBlocks),
        (int)Read(context, BlockIntervalSecondsKey, 0, 0, 86_400));

    private static long Read(PluginContext context, string key, long fallback, long min, long max)
    {
        var networkKey = $"Networks:{KalpNetwork.NetworkId}:{key}";
        var (used, text) = context.Setting(networkKey) is { } perNetwork ? (networkKey, perNetwork) : (key, context.Setting(key));
        if (text is null)
        {
            return fallback;
        }
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new PluginSettingsException(used, $"must be an integer from {min} to {max}; got '{text}'.");
        }
        return value;
    }
}

using System.Globalization;
using KsQuery.Contracts.Storage.Postgres;
using KsQuery.Host.Startup;

namespace KsQuery.Host.Storage;

internal static class ScaleOutSettings
{
    /// <summary>With PostgreSQL selected (several instances), refuses settings that only work on one instance: a plugin's
    /// live block production (<c>Plugins:&lt;chain&gt;:BlockIntervalSeconds</c> &gt; 0) appends blocks to the ledger in the
    /// instance's own data directory, so instances would answer differently. The seeded ledger itself is the same on every
    /// instance.</summary>
    public static void RefuseSingleInstanceSettings(this WebApplicationBuilder builder)
    {
        if (!PostgresStore.IsSelected(builder.Configuration))
            return;
        foreach (var plugin in builder.Configuration.GetSection("Plugins").GetChildren())
        {
            var interval = plugin["BlockIntervalSeconds"];
            if (interval is null || plugin["Enabled"] is { } enabled && enabled.Equals("false", StringComparison.OrdinalIgnoreCase))
                continue;
            if (double.TryParse(interval, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds <= 0)
                continue;
            throw StartupFailure.Settings($"Plugins:{plugin.Key}:BlockIntervalSeconds is {interval}: live block production runs on one " +
                $"instance only, and {PostgresStore.Setting} (PostgreSQL) is for several. Set it to 0 (every instance then serves the " +
                $"same ledger from the seed) or unset {PostgresStore.Setting} (docs/scaling.md, \"Local ledger\").");
        }
    }
}

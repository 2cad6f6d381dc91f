namespace KsQuery.Host.Startup;

/// <summary>A setting that holds a list (README, Configuration): one comma-separated value (<c>Metrics__AllowedNetworks=10.0.0.0/8,192.168.0.0/16</c>)
/// or indexed entries (<c>Metrics:AllowedNetworks:0</c>, a JSON array in appsettings.json), each entry itself possibly
/// comma-separated.</summary>
internal static class ListSetting
{
    public static IEnumerable<string> Values(IConfigurationSection setting) =>
        // Both forms at once: a section with indexed entries may also carry an empty value of its own (seen with settings
        // given to the host builder), which must not hide the entries.
        new[] { setting.Value }.Concat(setting.GetChildren().Select(c => c.Value))
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}

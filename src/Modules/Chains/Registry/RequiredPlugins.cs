using Microsoft.Extensions.Configuration;

namespace KsQuery.Modules.Chains.Registry;

/// <summary><c>Plugins:Required</c>: the plugin folders whose failure makes <c>/health</c> answer 503. By folder name,
/// since a plugin that fails before its descriptor is read has no chain id. Default: <c>kalp</c>, the built-in plugin;
/// an empty first entry (<c>Plugins__Required__0=</c>) requires none.</summary>
internal static class RequiredPlugins
{
    public const string Key = "Plugins:Required";
    public static readonly string[] Default = ["kalp"];

    public static IReadOnlySet<string> Folders(IConfiguration configuration)
    {
        var section = configuration.GetSection(Key);
        var entries = section.GetChildren().Select(c => c.Value).ToList();
        if (entries.Count == 0 && section.Value is null)
            return Default.ToHashSet(StringComparer.Ordinal);
        var single = section.Value is { } value ? [value] : Array.Empty<string?>();
        return entries.Concat(single).Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e!.Trim()).ToHashSet(StringComparer.Ordinal);
    }
}

using System.Reflection;
using KsQuery.Modules.Chains;
using KsQuery.Plugins.Abstractions;

namespace KsQuery.Host.Plugins;

/// <summary>Finds chain plugins, the built-in KALP DLT one included, through one path: every folder of
/// <c>plugins/</c> beside the executable (built-in plugins), then every folder of <c>KSQUERY_PLUGINS</c> (extra plugins;
/// a folder there replaces a built-in one of the same name). Each folder's assembly is loaded in its own
/// <see cref="PluginLoadContext"/>, its contract version checked and its descriptor validated. A plugin that fails is
/// recorded with its reason and skipped; it is never fatal here (<c>/health</c> decides what a failure means).</summary>
internal static class PluginLoader
{
    public static PluginSet Load(IConfiguration configuration)
    {
        var loaded = new List<LoadedPlugin>();
        var failures = new List<PluginFailure>();
        foreach (var folder in Folders(configuration))
            LoadFolder(folder, configuration, loaded, failures);
        return new PluginSet(loaded, failures);
    }

    /// <summary>The built-in plugins' folder: <c>plugins</c> beside the executable (the host's build copies KALP DLT
    /// there; the single-file release ships it beside the binary, since an assembly inside the bundle has no path).</summary>
    public static string BuiltInFolder => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary><c>KSQUERY_PLUGINS</c> (relative to the working directory, like <c>KSQUERY_DATA</c>), or null.</summary>
    public static string? ExtraFolder(IConfiguration configuration)
    {
        var configured = configuration["KSQUERY_PLUGINS"];
        return string.IsNullOrWhiteSpace(configured) ? null : Path.GetFullPath(configured, Directory.GetCurrentDirectory());
    }

    private sealed record PluginFolder(string Name, string Path, bool IsBuiltIn);

    private static List<PluginFolder> Folders(IConfiguration configuration)
    {
        var byName = new Dictionary<string, PluginFolder>(StringComparer.Ordinal);
        foreach (var directory in Subfolders(BuiltInFolder))
            byName[System.IO.Path.GetFileName(directory)] = new PluginFolder(System.IO.Path.GetFileName(directory), directory, true);
        var extra = ExtraFolder(configuration);
        if (extra is not null && !SamePath(extra, BuiltInFolder))
            foreach (var directory in Subfolders(extra))
                byName[System.IO.Path.GetFileName(directory)] = new PluginFolder(System.IO.Path.GetFileName(directory), directory, false);
        return [.. byName.Values.OrderBy(f => f.IsBuiltIn ? 0 : 1).ThenBy(f => f.Name, StringComparer.Ordinal)];
    }

    private static IEnumerable<string> Subfolders(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal) : [];

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>The folder's plugin assembly: <c>&lt;folder&gt;.dll</c>, else the assembly of the folder's only
    /// <c>&lt;Name&gt;.deps.json</c> (what <c>dotnet build</c> and <c>dotnet publish</c> write beside a plugin).</summary>
    internal static string? FindAssembly(string directory)
    {
        var named = Path.Combine(directory, Path.GetFileName(directory) + ".dll");
        if (File.Exists(named))
            return named;
        var candidates = Directory.EnumerateFiles(directory, "*.deps.json")
            .Select(deps => Path.Combine(directory, Path.GetFileName(deps)[..^".deps.json".Length] + ".dll"))
            .Where(File.Exists)
            .ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }

    private static void LoadFolder(PluginFolder folder, IConfiguration configuration, List<LoadedPlugin> loaded, List<PluginFailure> failures)
    {
        var path = FindAssembly(folder.Path);
        if (path is null)
        {
            failures.Add(new PluginFailure(folder.Name, folder.Path,
                $"no plugin assembly in {folder.Path}: expected {folder.Name}.dll, or one <Name>.deps.json beside its <Name>.dll " +
                "(copy the plugin's whole build or publish output into the folder)", folder.Name));
            return;
        }

        List<ChainPluginAttribute> markers;
        try
        {
            markers = new PluginLoadContext(path).LoadFromAssemblyPath(path).GetCustomAttributes<ChainPluginAttribute>().ToList();
        }
        catch (Exception ex)
        {
            failures.Add(new PluginFailure(folder.Name, path, $"failed to load: {Unwrap(ex).Message}", folder.Name));
            return;
        }
        if (markers.Count == 0)
            failures.Add(new PluginFailure(folder.Name, path, $"{Path.GetFileName(path)} has no [assembly: ChainPlugin(typeof(...))] attribute", folder.Name));

        // One assembly may serve several chains, one [ChainPlugin] each; one that fails does not stop the others.
        foreach (var marker in markers)
        {
            IChainPlugin plugin;
            try
            {
                plugin = Create(marker.PluginType);
            }
            catch (Exception ex)
            {
                failures.Add(new PluginFailure(folder.Name, path, $"failed to load {marker.PluginType.FullName}: {Unwrap(ex).Message}", folder.Name));
                continue;
            }
            Add(plugin, path, folder, configuration, loaded, failures);
        }
    }

    private static void Add(IChainPlugin plugin, string source, PluginFolder folder, IConfiguration configuration,
        List<LoadedPlugin> loaded, List<PluginFailure> failures)
    {
        ChainDescriptor descriptor;
        try
        {
            descriptor = plugin.Descriptor;
        }
        catch (Exception ex)
        {
            failures.Add(new PluginFailure(folder.Name, source, $"failed to describe its chain: {ex.Message}", folder.Name));
            return;
        }
        var name = string.IsNullOrWhiteSpace(descriptor?.Id) ? folder.Name : descriptor.Id;
        if (descriptor is null)
        {
            failures.Add(new PluginFailure(name, source, "its descriptor is null", folder.Name));
            return;
        }
        if (!configuration.GetValue($"Plugins:{descriptor.Id}:Enabled", true))
            return;

        var problems = PluginValidator.Validate(descriptor);
        if (loaded.FirstOrDefault(p => p.Plugin.Descriptor.Id == descriptor.Id) is { } first)
        {
            problems.Add($"chain id '{descriptor.Id}' is already served by the plugin in folder '{first.Folder}'");
            name = folder.Name; // the chain id names the plugin that serves it
        }
        if (problems.Count > 0)
        {
            failures.Add(new PluginFailure(name, source, string.Join("; ", problems), folder.Name));
            return;
        }
        loaded.Add(new LoadedPlugin(plugin, source, folder.Name, folder.IsBuiltIn));
    }

    private static IChainPlugin Create(Type type)
    {
        if (!typeof(IChainPlugin).IsAssignableFrom(type))
            throw new InvalidOperationException($"{type.FullName} does not implement IChainPlugin (built against another Abstractions?)");
        return (IChainPlugin)(Activator.CreateInstance(type) ?? throw new InvalidOperationException($"could not create {type.FullName}"));
    }

    private static Exception Unwrap(Exception ex) => ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;

    public static void LogPluginReport(this WebApplication app, PluginSet plugins)
    {
        foreach (var plugin in plugins.Plugins)
            app.Logger.LogInformation("Chain plugin {Chain} loaded from {Source}", plugin.Plugin.Descriptor.Id, plugin.Source);
        foreach (var failure in plugins.Failures)
            app.Logger.LogWarning("Chain plugin {Plugin} skipped (folder {Folder}, {Source}): {Reason}", failure.Name, failure.Folder,
                failure.Source, failure.Reason);
    }
}

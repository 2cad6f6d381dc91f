using System.Reflection;
using KsQuery.Modules.Chains;
using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt;

namespace KsQuery.Host.Plugins;

/// <summary>Finds chain plugins: the built-in KALP DLT plugin and every <c>plugins/&lt;Name&gt;/&lt;Name&gt;.dll</c>.
/// A plugin that fails to load or to validate is recorded with its reason and skipped; it is never fatal.</summary>
internal static class PluginLoader
{
    public static PluginSet Load(IConfiguration configuration)
    {
        var loaded = new List<LoadedPlugin>();
        var failures = new List<PluginFailure>();

        Add(() => new KalpDltPlugin(), "KsQuery.Plugins.KalpDlt", LoadedPlugin.BuiltIn, configuration, loaded, failures);

        var folder = PluginFolder(configuration);
        if (Directory.Exists(folder))
        {
            foreach (var directory in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(directory);
                var path = Path.Combine(directory, name + ".dll");
                if (!File.Exists(path))
                {
                    failures.Add(new PluginFailure(name, directory, $"expected {name}.dll in the plugin's folder"));
                    continue;
                }
                Add(() => CreateFromAssembly(path), name, path, configuration, loaded, failures);
            }
        }
        return new PluginSet(loaded, failures);
    }

    /// <summary><c>KSQUERY_PLUGINS</c> (relative to the working directory, like <c>KSQUERY_DATA</c>), or <c>plugins</c> beside the executable.</summary>
    public static string PluginFolder(IConfiguration configuration)
    {
        var configured = configuration["KSQUERY_PLUGINS"];
        return string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(AppContext.BaseDirectory, "plugins")
            : Path.GetFullPath(configured, Directory.GetCurrentDirectory());
    }

    private static void Add(Func<IChainPlugin> create, string name, string source, IConfiguration configuration,
        List<LoadedPlugin> loaded, List<PluginFailure> failures)
    {
        IChainPlugin plugin;
        try
        {
            plugin = create();
        }
        catch (Exception ex)
        {
            failures.Add(new PluginFailure(name, source, $"failed to load: {Unwrap(ex).Message}"));
            return;
        }

        var descriptor = plugin.Descriptor;
        if (!configuration.GetValue($"Plugins:{descriptor.Id}:Enabled", true))
            return;

        var problems = PluginValidator.Validate(descriptor);
        if (loaded.Any(p => p.Plugin.Descriptor.Id == descriptor.Id))
            problems.Add($"chain id '{descriptor.Id}' is already served by another plugin");
        if (problems.Count > 0)
        {
            failures.Add(new PluginFailure(descriptor.Id, source, string.Join("; ", problems)));
            return;
        }
        loaded.Add(new LoadedPlugin(plugin, source));
    }

    private static IChainPlugin CreateFromAssembly(string path)
    {
        var context = new PluginLoadContext(path);
        var assembly = context.LoadFromAssemblyPath(path);
        var marker = assembly.GetCustomAttribute<ChainPluginAttribute>()
            ?? throw new InvalidOperationException("the assembly has no [assembly: ChainPlugin(typeof(...))] attribute");
        if (!typeof(IChainPlugin).IsAssignableFrom(marker.PluginType))
            throw new InvalidOperationException($"{marker.PluginType.FullName} does not implement IChainPlugin (built against another Abstractions?)");
        return (IChainPlugin)(Activator.CreateInstance(marker.PluginType)
            ?? throw new InvalidOperationException($"could not create {marker.PluginType.FullName}"));
    }

    private static Exception Unwrap(Exception ex) => ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;

    public static void LogPluginReport(this WebApplication app, PluginSet plugins)
    {
        foreach (var plugin in plugins.Plugins)
            app.Logger.LogInformation("Chain plugin {Chain} loaded from {Source}", plugin.Plugin.Descriptor.Id, plugin.Source);
        foreach (var failure in plugins.Failures)
            app.Logger.LogWarning("Chain plugin {Plugin} skipped ({Source}): {Reason}", failure.Name, failure.Source, failure.Reason);
    }
}

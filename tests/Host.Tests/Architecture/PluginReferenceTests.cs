using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Host.Tests.Support;
using KsQuery.Modules.Chains;
using KsQuery.Modules.Keys;
using KsQuery.Modules.Usage;
using Microsoft.Extensions.DependencyInjection;

namespace Host.Tests.Architecture;

/// <summary>The host knows plugins only through Abstractions: neither it nor a module references a plugin assembly, and
/// the built-in KALP DLT plugin is loaded from <c>plugins/kalp/</c> beside the host, in a load context of its own,
/// like any plugin dropped in.</summary>
public sealed class PluginReferenceTests
{
    private static readonly Assembly[] HostAndModules =
    [
        typeof(Program).Assembly, typeof(KeysModule).Assembly, typeof(ChainsModule).Assembly, typeof(UsageModule).Assembly,
        typeof(KsQuery.Contracts.Http.DataDirectory).Assembly,
    ];

    private static string HostOutput => typeof(PluginReferenceTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "HostOutput").Value!;

    /// <summary>Every plugin assembly the repository builds: the built-in ones shipped in the host's plugins/ folder.</summary>
    private static IReadOnlyList<string> BuiltInPluginAssemblies()
    {
        var folder = Path.Combine(HostOutput, "plugins");
        Directory.Exists(folder).ShouldBeTrue($"no built-in plugins folder at {folder}");
        var names = Directory.EnumerateDirectories(folder)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.deps.json"))
            .Select(f => Path.GetFileName(f)[..^".deps.json".Length])
            .ToList();
        names.ShouldContain("KsQuery.Plugins.KalpDlt");
        return names;
    }

    [Fact]
    public void Neither_the_host_nor_a_module_references_a_plugin_assembly()
    {
        var plugins = BuiltInPluginAssemblies().Concat(["SampleChain", "ThrowingChain", "FutureChain"]).ToHashSet();
        foreach (var assembly in HostAndModules)
            assembly.GetReferencedAssemblies().Select(r => r.Name!)
                .Where(n => plugins.Contains(n) || (n.StartsWith("KsQuery.Plugins.", StringComparison.Ordinal) && n != "KsQuery.Plugins.Abstractions"))
                .ShouldBeEmpty($"{assembly.GetName().Name} references a plugin assembly");
    }

    [Fact]
    public void The_host_does_not_ship_a_plugin_among_its_own_dependencies()
    {
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(HostOutput, "KsQuery.Host.deps.json")));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0]).ToList();
        foreach (var plugin in BuiltInPluginAssemblies())
            libraries.ShouldNotContain(plugin);
    }

    [Fact]
    public async Task The_built_in_kalp_plugin_is_loaded_from_its_plugin_folder_in_a_context_of_its_own()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(data.Path);
        var kalp = host.Services.GetRequiredService<PluginSet>().Plugins.Single(p => p.Plugin.Descriptor.Id == "kalp");
        kalp.Folder.ShouldBe("kalp");
        kalp.IsBuiltIn.ShouldBeTrue();
        kalp.Source.ShouldBe(Path.Combine(AppContext.BaseDirectory, "plugins", "kalp", "KsQuery.Plugins.KalpDlt.dll"));
        var context = AssemblyLoadContext.GetLoadContext(kalp.Plugin.GetType().Assembly)!;
        context.ShouldNotBe(AssemblyLoadContext.Default);
        context.Name.ShouldBe("KsQuery.Plugins.KalpDlt");
    }
}

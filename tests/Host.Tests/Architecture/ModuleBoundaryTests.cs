using System.Reflection;
using KsQuery.Modules.Chains;
using KsQuery.Modules.Keys;
using KsQuery.Modules.Usage;
using KsQuery.Plugins.Abstractions;

namespace Host.Tests.Architecture;

/// <summary>Modules share only the contracts assembly; plugins see only Abstractions; Abstractions sees only the BCL.</summary>
public sealed class ModuleBoundaryTests
{
    private static readonly Assembly[] Modules = [typeof(KeysModule).Assembly, typeof(ChainsModule).Assembly, typeof(UsageModule).Assembly];

    [Fact]
    public void No_module_references_another_module()
    {
        var names = Modules.Select(m => m.GetName().Name).ToHashSet();
        foreach (var module in Modules)
            module.GetReferencedAssemblies().Select(r => r.Name).Where(names.Contains)
                .ShouldBeEmpty($"{module.GetName().Name} references another module");
    }

    [Fact]
    public void The_kalp_plugin_references_only_abstractions_and_its_own_libraries()
    {
        var plugin = typeof(KsQuery.Plugins.KalpDlt.KalpDltPlugin).Assembly;
        plugin.GetReferencedAssemblies().Select(r => r.Name!)
            .Where(n => n.StartsWith("KsQuery", StringComparison.Ordinal) || n.StartsWith("Wolverine", StringComparison.Ordinal)
                || n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal))
            .ShouldBe(["KsQuery.Plugins.Abstractions"]);
    }

    /// <summary>Read from the built-in copy without loading it: the EVM plugin is written like a third party's, against
    /// the SDK alone.</summary>
    [Fact]
    public void The_evm_plugin_references_nothing_of_this_repository_but_abstractions()
    {
        var output = typeof(ModuleBoundaryTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "HostOutput").Value!;
        var path = Path.Combine(output, "plugins", "evm", "KsQuery.Plugins.Evm.dll");
        using var stream = File.OpenRead(path);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var references = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();

        references.ShouldContain("Nethereum.ABI");
        references.Where(n => n.StartsWith("KsQuery", StringComparison.Ordinal) || n.StartsWith("Wolverine", StringComparison.Ordinal)
                || n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || n.StartsWith("LiteDB", StringComparison.Ordinal))
            .ShouldBe(["KsQuery.Plugins.Abstractions"]);
    }

    [Fact]
    public void Abstractions_depend_on_nothing_but_the_base_library()
    {
        typeof(IChainPlugin).Assembly.GetReferencedAssemblies().Select(r => r.Name!)
            .ShouldAllBe(n => n.StartsWith("System", StringComparison.Ordinal) || n == "netstandard");
    }
}

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

    [Fact]
    public void Abstractions_depend_on_nothing_but_the_base_library()
    {
        typeof(IChainPlugin).Assembly.GetReferencedAssemblies().Select(r => r.Name!)
            .ShouldAllBe(n => n.StartsWith("System", StringComparison.Ordinal) || n == "netstandard");
    }
}

using System.Reflection;
using KsQuery.Modules.Chains;
using KsQuery.Modules.Keys;
using KsQuery.Modules.Usage;

namespace Host.Tests.Architecture;

/// <summary>Wolverine runs in static mode: a handler missing from the committed generated code fails only at run time,
/// so every handler class of the modules must appear in the generated registry.</summary>
public sealed class GeneratedHandlerTests
{
    [Fact]
    public void Every_module_handler_is_in_the_generated_registry()
    {
        var registryType = typeof(Program).Assembly.GetType("Internal.Generated.WolverineHandlers.GeneratedHandlerRegistry");
        registryType.ShouldNotBeNull("run: dotnet run --project src/Host -- codegen write");
        var registry = (Wolverine.Runtime.Handlers.HandlerRegistry)Activator.CreateInstance(registryType)!;
        var generated = registry.HandlerTypes().ToHashSet();

        var handlers = new[] { typeof(KeysModule).Assembly, typeof(ChainsModule).Assembly, typeof(UsageModule).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t.Name.EndsWith("Handler", StringComparison.Ordinal)
                && t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                    .Any(m => m.Name is "Handle" or "HandleAsync" or "Consume" or "ConsumeAsync"))
            .ToList();

        handlers.ShouldNotBeEmpty();
        foreach (var handler in handlers)
            generated.ShouldContain(handler, $"{handler.FullName} is not in the generated code; regenerate it");
    }
}

using System.Reflection;
using Host.Tests.Support;
using KsQuery.Contracts.Messages;
using KsQuery.Modules.Chains;
using KsQuery.Modules.Keys;
using KsQuery.Modules.Usage;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Runtime.Handlers;

namespace Host.Tests.Architecture;

/// <summary>Wolverine runs in static mode: a handler missing from the committed generated code fails only at run time,
/// so every handler class of the modules must appear in the generated registry.</summary>
public sealed class GeneratedHandlerTests
{
    /// <summary>Handlers are separated (one chain per handler type and message): every chain the running host built,
    /// including each handler's own chain of a message handled by several modules, has its generated class.</summary>
    [Fact]
    public async Task Every_handler_chain_of_the_running_host_has_its_generated_code()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(data.Path);
        var chains = host.Services.GetRequiredService<HandlerGraph>().AllChains().ToList();

        chains.ShouldContain(c => c.MessageType == typeof(KeyedCallsCompleted));
        foreach (var chain in chains)
            typeof(Program).Assembly.GetType($"Internal.Generated.WolverineHandlers.{chain.TypeName}")
                .ShouldNotBeNull($"{chain} has no generated code; run scripts/codegen");
    }

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

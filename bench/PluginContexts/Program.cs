using Bench.PluginContexts;

// bench/run --plugin-contexts: the published KALP plugin in a non-collectible vs a collectible AssemblyLoadContext,
// side by side, each measurement in a fresh process (docs/performance.md, "Plugin load contexts").
var options = Options.Parse(args);
if (options.Child is { } collectible)
    return await Child.RunAsync(options, collectible);
return await Driver.RunAsync(options);

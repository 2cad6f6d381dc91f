using System.Reflection;
using System.Runtime.Loader;
using KsQuery.Plugins.Abstractions;

namespace Bench.PluginContexts;

/// <summary>src/Host/Plugins/PluginLoadContext.cs with the one thing measured here as a parameter: whether the
/// context is collectible (can be unloaded).</summary>
internal sealed class PluginLoadContext(string pluginPath, bool isCollectible)
    : AssemblyLoadContext(Path.GetFileNameWithoutExtension(pluginPath), isCollectible)
{
    private static readonly string AbstractionsName = typeof(IChainPlugin).Assembly.GetName().Name!;
    private readonly AssemblyDependencyResolver _resolver = new(pluginPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name == AbstractionsName)
            return null;
        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}

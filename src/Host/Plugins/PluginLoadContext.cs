using System.Reflection;
using System.Runtime.Loader;
using KsQuery.Plugins.Abstractions;

namespace KsQuery.Host.Plugins;

/// <summary>Loads one plugin and its private dependencies in isolation. Abstractions and the shared
/// framework come from the host, so the plugin's types implement the host's <see cref="IChainPlugin"/>.</summary>
internal sealed class PluginLoadContext(string pluginPath) : AssemblyLoadContext(Path.GetFileNameWithoutExtension(pluginPath))
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

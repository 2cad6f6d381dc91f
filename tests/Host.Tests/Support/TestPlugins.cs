using System.Reflection;

namespace Host.Tests.Support;

/// <summary>Copies the drop-in test plugins (built by project references that the host does not have)
/// into a <c>plugins/&lt;Name&gt;/</c> folder, as an operator would.</summary>
public static class TestPlugins
{
    public static string Install(string pluginsFolder, params string[] names)
    {
        foreach (var name in names)
            InstallAs(pluginsFolder, name, name);
        return pluginsFolder;
    }

    /// <summary>Copies the build output of the test plugin <paramref name="name"/> into <c>pluginsFolder/folder</c>.</summary>
    public static string InstallAs(string pluginsFolder, string name, string folder)
    {
        var metadata = typeof(TestPlugins).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        var output = Path.Combine(metadata["TestPluginsRoot"]!, name, "bin", metadata["Configuration"]!, "net10.0");
        File.Exists(Path.Combine(output, name + ".dll")).ShouldBeTrue($"{name} was not built at {output}");
        var target = Directory.CreateDirectory(Path.Combine(pluginsFolder, folder)).FullName;
        foreach (var file in Directory.GetFiles(output))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        return pluginsFolder;
    }
}

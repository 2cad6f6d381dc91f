using System.Reflection;

namespace Host.Tests.Support;

/// <summary>Copies the drop-in test plugins (built by project references that the host does not have)
/// into a <c>plugins/&lt;Name&gt;/</c> folder, as an operator would.</summary>
public static class TestPlugins
{
    public static string Install(string pluginsFolder, params string[] names)
    {
        var metadata = typeof(TestPlugins).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        foreach (var name in names)
        {
            var output = Path.Combine(metadata["TestPluginsRoot"]!, name, "bin", metadata["Configuration"]!, "net10.0");
            File.Exists(Path.Combine(output, name + ".dll")).ShouldBeTrue($"{name} was not built at {output}");
            var target = Directory.CreateDirectory(Path.Combine(pluginsFolder, name)).FullName;
            foreach (var file in Directory.GetFiles(output))
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
        return pluginsFolder;
    }
}

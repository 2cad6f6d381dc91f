using Host.Tests.Support;

namespace Host.Tests.Plugins;

/// <summary>The host's build collects the built-in plugins whatever else lies in its project folder: a file there
/// (e.g. the data directory `dotnet run --project src/Host` creates beside it) must not break the build.</summary>
public sealed class BuiltInPluginBuildTests
{
    [Fact]
    [Trait("Category", "Packages")]
    public async Task A_stray_file_in_the_host_folder_does_not_break_collecting_the_built_in_plugins()
    {
        var hostFolder = Path.Combine(DotnetCli.RepositoryRoot, "src", "Host");
        var stray = Path.Combine(hostFolder, $"stray-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(stray, "a file the project does not know");
        try
        {
            await DotnetCli.RunAsync(hostFolder, null, "msbuild", "KsQuery.Host.csproj", "-t:CollectBuiltInPlugins",
                "-p:BuildProjectReferences=false", $"-p:Configuration={DotnetCli.Configuration}", "-nologo", "-v:q");
        }
        finally
        {
            File.Delete(stray);
        }
    }
}

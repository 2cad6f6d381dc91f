using System.Text.RegularExpressions;
using Host.Tests.Support;
using KsQuery.Plugins.Abstractions;

namespace Host.Tests.Plugins;

/// <summary>docs/plugins.md cannot drift from the SDK: its C# samples, together, are one plugin that must build
/// (warnings as errors) against the Abstractions assembly the host ships, in a project outside the repository.</summary>
public sealed partial class PluginGuideTests
{
    [Fact]
    [Trait("Category", "Packages")]
    public async Task Every_csharp_sample_of_the_plugin_guide_compiles_against_the_sdk()
    {
        var guide = await File.ReadAllTextAsync(Path.Combine(DotnetCli.RepositoryRoot, "docs", "plugins.md"));
        var samples = CSharpBlock().Matches(guide).Select(m => m.Groups["code"].Value).ToList();
        samples.Count.ShouldBeGreaterThanOrEqualTo(3, "the guide's C# samples were not found");

        using var work = new TempDirectory();
        var abstractions = typeof(IChainPlugin).Assembly.Location;
        await File.WriteAllTextAsync(Path.Combine(work.Path, "GuideSamples.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <EnableDynamicLoading>true</EnableDynamicLoading>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="{abstractions}" Private="false" />
              </ItemGroup>
            </Project>
            """);
        for (var i = 0; i < samples.Count; i++)
            await File.WriteAllTextAsync(Path.Combine(work.Path, $"Sample{i + 1}.cs"), samples[i]);

        await DotnetCli.RunAsync(work.Path, null, "build", "-nologo", "-v", "q");
    }

    [GeneratedRegex(@"^```csharp\n(?<code>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CSharpBlock();
}

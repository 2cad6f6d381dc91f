using System.Text.RegularExpressions;
using Host.Tests.Support;
using KsQuery.Plugins.Abstractions;

namespace Host.Tests.Plugins;

/// <summary>The SDK package's version is the contract version it carries (package 1.1.x is contract 1.1), and the
/// template builds new plugins against that package.</summary>
public sealed class SdkVersionTests
{
    [Fact]
    public async Task The_sdk_package_version_is_the_contract_version_and_the_template_pins_it()
    {
        var project = await File.ReadAllTextAsync(Path.Combine(DotnetCli.RepositoryRoot, "src", "Plugins", "Abstractions", "KsQuery.Plugins.Abstractions.csproj"));
        var version = Regex.Match(project, "<Version>([^<]+)</Version>").Groups[1].Value;
        version.ShouldStartWith($"{PluginContract.Version}.{PluginContract.MinorVersion}.");

        var templatePins = await File.ReadAllTextAsync(Path.Combine(DotnetCli.RepositoryRoot, "templates", "content", "ksquery-plugin", "Directory.Packages.props"));
        Regex.Match(templatePins, "Include=\"KsQuery.Plugins.Abstractions\" Version=\"([^\"]+)\"").Groups[1].Value.ShouldBe(version);
    }
}

using System.Text.Json.Serialization;
using KsQuery.Host.Plugins;
using KsQuery.Plugins.Abstractions;

namespace Host.Tests.Plugins;

/// <summary>The typed-answer and failure declarations of a plugin are checked at load, like its routes: a name that
/// cannot be an OpenAPI component, or a failure that is not an error status with a snake_case code, skips the plugin.</summary>
public sealed partial class PluginValidatorTests
{
    [Fact]
    public void A_well_declared_api_passes()
    {
        PluginValidator.Validate(Chain(Api() with
        {
            Response = new ApiResponse(ValidatorJson.Default.WordDto, "DemoWord"),
            Failures = [new ApiFailure(404, "word_not_found", "No such word.")],
        })).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("demo word")]
    [InlineData("#/components/schemas/X")]
    [InlineData("Problem")]
    public void A_component_name_that_cannot_be_one_is_refused(string name)
    {
        PluginValidator.Validate(Chain(Api() with { Response = new ApiResponse(ValidatorJson.Default.WordDto, name) }))
            .ShouldContain(p => p.Contains("component name", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(200, "word_not_found")]
    [InlineData(600, "word_not_found")]
    [InlineData(404, "WordNotFound")]
    [InlineData(404, "")]
    public void A_failure_that_is_not_an_error_status_with_a_snake_case_code_is_refused(int status, string code)
    {
        PluginValidator.Validate(Chain(Api() with { Failures = [new ApiFailure(status, code, "x")] }))
            .ShouldContain(p => p.Contains("failure", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("accounts")]
    [InlineData("admin")]
    [InlineData("audit")]
    [InlineData("auth")]
    [InlineData("chains")]
    [InlineData("invitations")]
    [InlineData("keys")]
    [InlineData("me")]
    [InlineData("sessions")]
    [InlineData("teams")]
    [InlineData("usage")]
    public void A_chain_id_reserved_by_the_api_is_refused(string id)
    {
        PluginValidator.Validate(Chain(Api()) with { Id = id }).ShouldContain($"chain id '{id}' is reserved");
    }

    [Theory]
    [InlineData(PluginContract.Version, 0, true)]
    [InlineData(PluginContract.Version, PluginContract.MinorVersion, true)]
    [InlineData(PluginContract.Version, PluginContract.MinorVersion + 1, false)]
    [InlineData(PluginContract.Version + 1, 0, false)]
    [InlineData(PluginContract.Version - 1, 0, false)]
    public void A_plugin_loads_when_built_for_the_hosts_major_and_a_minor_up_to_the_hosts(int major, int minor, bool loads)
    {
        var problems = PluginValidator.Validate(Chain(Api()) with { ContractVersion = major, ContractMinorVersion = minor });
        if (loads)
            problems.ShouldBeEmpty();
        else
            problems.ShouldBe([$"built for plugin contract version {major}.{minor}, this host supports " +
                $"{PluginContract.Version}.{PluginContract.MinorVersion} (plugins built for {PluginContract.Version}.0 to " +
                $"{PluginContract.Version}.{PluginContract.MinorVersion})"]);
    }

    private static ApiDescriptor Api() => new("word", "Word", "Words", ApiMethod.Get, "words/{word}", "One word.",
        [new ApiParameter("word", ParameterLocation.Path, ParameterType.String, true, "The word.")]);

    private static ChainDescriptor Chain(ApiDescriptor api) =>
        new("demo", "Demo", PluginContract.Version, [new NetworkDescriptor("testnet", "Test Net", true, [api])]);

    internal sealed record WordDto(string Word, int Length);

    [JsonSerializable(typeof(WordDto))]
    internal sealed partial class ValidatorJson : JsonSerializerContext;
}

using System.Text.Json;
using System.Text.RegularExpressions;
using KsQuery.Plugins.Abstractions;

namespace MyChain.Tests;

public sealed class MyChainPluginTests
{
    [Fact]
    public void The_descriptor_is_one_the_host_accepts()
    {
        var chain = new MyChainPlugin().Descriptor;

        chain.Id.ShouldMatch("^[a-z0-9-]{2,32}$");
        chain.ContractVersion.ShouldBe(PluginContract.Version);
        var network = chain.Networks.ShouldHaveSingleItem();
        network.Apis.Select(a => a.Id).ShouldBe([MyChainCatalog.BlockApi, MyChainCatalog.RangeApi]);
        foreach (var api in network.Apis)
        {
            foreach (Match segment in Regex.Matches(api.Route, "{([^}]+)}"))
                api.Parameters.ShouldContain(p => p.Name == segment.Groups[1].Value && p.In == ParameterLocation.Path);
            api.Response.ShouldNotBeNull().ComponentName.ShouldMatch("^[A-Z][A-Za-z0-9]*$");
        }
    }

    [Fact]
    public async Task A_block_is_answered_by_its_number()
    {
        var plugin = await PluginRun.StartAsync();

        var block = (await plugin.CallAsync(MyChainCatalog.BlockApi, new() { ["number"] = "7" })).Json();

        block.GetProperty("number").GetInt64().ShouldBe(7);
        block.GetProperty("hash").GetString()!.ShouldMatch("^0x[0-9a-f]{64}$");
        block.GetProperty("time").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2025, 1, 1, 0, 1, 10, TimeSpan.Zero));
    }

    [Fact]
    public async Task A_block_above_the_height_is_block_not_found()
    {
        var plugin = await PluginRun.StartAsync(height: "5");

        var result = await plugin.CallAsync(MyChainCatalog.BlockApi, new() { ["number"] = "6" });

        result.Error.ShouldNotBeNull().Status.ShouldBe(404);
        result.Error.Code.ShouldBe(MyChainCatalog.BlockNotFound);
    }

    [Fact]
    public async Task A_range_answers_its_blocks_in_order()
    {
        var plugin = await PluginRun.StartAsync();

        var range = (await plugin.CallAsync(MyChainCatalog.RangeApi, body: """{"from":3,"to":5}""")).Json();

        range.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("number").GetInt64()).ShouldBe([3L, 4L, 5L]);
    }

    [Theory]
    [InlineData("""{"from":5,"to":3}""")]
    [InlineData("""{"from":0,"to":3}""")]
    [InlineData("""{"from":1,"to":101}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{"from":"one"}""")]
    public async Task A_bad_range_is_validation_failed(string body)
    {
        var plugin = await PluginRun.StartAsync();

        var result = await plugin.CallAsync(MyChainCatalog.RangeApi, body: body);

        result.Error.ShouldNotBeNull().Status.ShouldBe(400);
        result.Error.Code.ShouldBe("validation_failed");
    }

    [Fact]
    public async Task Every_failure_it_answers_is_declared()
    {
        var plugin = await PluginRun.StartAsync(height: "5");
        var declared = plugin.Descriptor.Networks[0].Apis.ToDictionary(a => a.Id, a => a.Failures!.Select(f => (f.Status, f.Code)).ToList());

        var missing = await plugin.CallAsync(MyChainCatalog.BlockApi, new() { ["number"] = "6" });
        var outside = await plugin.CallAsync(MyChainCatalog.RangeApi, body: """{"from":4,"to":6}""");
        var invalid = await plugin.CallAsync(MyChainCatalog.RangeApi, body: "{}");

        declared[MyChainCatalog.BlockApi].ShouldContain((missing.Error!.Status, missing.Error.Code));
        declared[MyChainCatalog.RangeApi].ShouldContain((outside.Error!.Status, outside.Error.Code));
        declared[MyChainCatalog.RangeApi].ShouldContain((invalid.Error!.Status, invalid.Error.Code));
    }

    [Fact]
    public async Task Every_example_succeeds_with_its_documented_answer()
    {
        var plugin = await PluginRun.StartAsync();

        foreach (var (apiId, example) in plugin.GetExamples(MyChainCatalog.NetworkId))
        {
            var result = await plugin.CallAsync(apiId, new(example.Parameters), example.Body);
            result.Json().GetRawText().ShouldBe(JsonDocument.Parse(example.Response!).RootElement.GetRawText());
        }
        plugin.GetExamples(MyChainCatalog.NetworkId).Keys.ShouldBe([MyChainCatalog.BlockApi, MyChainCatalog.RangeApi], ignoreOrder: true);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("ten")]
    public async Task A_bad_height_setting_is_reported_by_its_key(string height)
    {
        var error = await Should.ThrowAsync<PluginSettingsException>(() => PluginRun.StartAsync(height));

        error.Key.ShouldBe("Height");
        error.Problem.ShouldContain(height);
    }

    [Fact]
    public async Task It_is_healthy_once_started()
    {
        var plugin = new MyChainPlugin();
        (await plugin.CheckHealthAsync(CancellationToken.None)).Healthy.ShouldBeFalse();

        var started = await PluginRun.StartAsync();

        (await started.CheckHealthAsync(CancellationToken.None)).Healthy.ShouldBeTrue();
    }
}

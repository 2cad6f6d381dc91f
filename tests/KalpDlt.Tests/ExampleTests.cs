using System.Text.Json;
using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt.Ledger;
using Shouldly;

namespace KalpDlt.Tests;

/// <summary>The examples the plugin gives the docs (<see cref="IChainPlugin.GetExamples"/>) come from its running ledger:
/// they succeed, their answers are the real ones, and they are the same for the same seed.</summary>
[Collection(DefaultLedgerCollection.Name)]
public sealed class ExampleTests(DefaultLedgerFixture fixture)
{
    private static readonly IReadOnlyList<ApiDescriptor> Apis = new KsQuery.Plugins.KalpDlt.KalpDltPlugin().Descriptor.Networks[0].Apis;

    private PluginHarness Harness => fixture.Harness;

    [Fact]
    public async Task Every_api_has_an_example_that_succeeds_with_the_answer_it_shows()
    {
        var examples = Harness.Plugin.GetExamples("testnet");
        examples.Keys.ShouldBe(Apis.Select(a => a.Id), ignoreOrder: true);
        foreach (var api in Apis)
        {
            var example = examples[api.Id];
            api.Parameters.Where(p => p.In == ParameterLocation.Path).ShouldAllBe(p => example.Parameters.ContainsKey(p.Name), api.Id);
            var result = await CallAsync(api, example);
            result.Error.ShouldBeNull(api.Id);
            JsonSerializer.Serialize(result.Value, result.TypeInfo!).ShouldBe(example.Response, api.Id);
        }
    }

    [Fact]
    public async Task The_examples_are_a_real_transfer_its_block_and_a_wallet_that_holds_gini()
    {
        var examples = Harness.Plugin.GetExamples("TESTNET");
        var transaction = JsonDocument.Parse(examples["transaction"].Response!).RootElement;
        transaction.GetProperty("function").GetString().ShouldBe("Transfer");
        transaction.GetProperty("contractId").GetString().ShouldBe(KalpNetwork.GiniContractId);
        transaction.GetProperty("status").GetString().ShouldBe("SUCCESS");
        var number = transaction.GetProperty("blockNumber").GetInt64();
        examples["block"].Parameters["number"].ShouldBe(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var block = await Harness.GetAsync("block", new { number });
        examples["block-by-hash"].Parameters["hash"].ShouldBe(block.GetProperty("hash").GetString());

        var balance = JsonDocument.Parse(examples["balance"].Response!).RootElement;
        UInt128.Parse(balance.GetProperty("balance").GetString()!).ShouldBeGreaterThan(UInt128.Zero);
        var query = JsonDocument.Parse(examples["contract-query"].Response!).RootElement;
        query.GetProperty("result").GetString().ShouldBe(balance.GetProperty("balance").GetString());
        Harness.Plugin.GetExamples("mainnet").ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_api_declares_the_type_it_answers_with_and_its_failures()
    {
        var examples = Harness.Plugin.GetExamples("testnet");
        foreach (var api in Apis)
        {
            var declared = api.Response.ShouldNotBeNull(api.Id);
            declared.ComponentName.ShouldStartWith("Kalp");
            var result = await CallAsync(api, examples[api.Id]);
            if (api.Id == "contract-query")
            {
                // Text, number and gateway JSON answers share the declared shape.
                var names = JsonSerializer.SerializeToElement(result.Value, result.TypeInfo!).EnumerateObject().Select(p => p.Name);
                declared.TypeInfo.Properties.Select(p => p.Name).ShouldBe(names);
            }
            else
            {
                result.TypeInfo!.Type.ShouldBe(declared.TypeInfo.Type, api.Id);
            }
            var failures = api.Failures.ShouldNotBeNull(api.Id);
            failures.ShouldAllBe(f => f.Status >= 400 && f.Status <= 599 && f.Description.Length > 0);
            api.Errors.ShouldBe(failures.Select(f => f.Code).Distinct(), api.Id);
            // With the gateway source an API is served upstream (502) or not at all (501).
            failures.ShouldContain(f => f.Status == 501 || f.Status == 502, api.Id);
        }
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_examples_on_a_fresh_directory()
    {
        using var first = new TestDirectory();
        using var second = new TestDirectory();
        await using var one = await PluginHarness.StartAsync(first.Path, blocks: 300);
        await using var two = await PluginHarness.StartAsync(second.Path, blocks: 300);
        var a = one.Plugin.GetExamples("testnet");
        var b = two.Plugin.GetExamples("testnet");
        a.Count.ShouldBe(Apis.Count);
        foreach (var (id, example) in a)
        {
            b[id].Response.ShouldBe(example.Response, id);
            b[id].Body.ShouldBe(example.Body, id);
            b[id].Parameters.ShouldBe(example.Parameters, id);
        }
    }

    /// <summary>The call as the host makes it: absent optional parameters carry their defaults.</summary>
    private Task<ApiResult> CallAsync(ApiDescriptor api, ApiExample example)
    {
        var values = new Dictionary<string, string>(example.Parameters, StringComparer.Ordinal);
        foreach (var parameter in api.Parameters.Where(p => p.Default is not null))
            values.TryAdd(parameter.Name, parameter.Default!);
        JsonElement? body = example.Body is null ? null : JsonDocument.Parse(example.Body).RootElement.Clone();
        return Harness.Plugin.ExecuteAsync(new ApiCall("testnet", api.Id, values, body), CancellationToken.None).AsTask();
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt;
using Shouldly;

namespace KalpDlt.Tests;

public sealed class DescriptorTests
{
    private static readonly ChainDescriptor Descriptor = new KalpDltPlugin().Descriptor;
    private static readonly IReadOnlyList<ApiDescriptor> Apis = Descriptor.Networks.Single().Apis;

    public static TheoryData<string, ApiMethod, string> Catalog => new()
    {
        { "network-info", ApiMethod.Get, "network" },
        { "channels", ApiMethod.Get, "channels" },
        { "blocks", ApiMethod.Get, "blocks" },
        { "block-latest", ApiMethod.Get, "blocks/latest" },
        { "block", ApiMethod.Get, "blocks/{number}" },
        { "block-by-hash", ApiMethod.Get, "blocks/by-hash/{hash}" },
        { "block-transactions", ApiMethod.Get, "blocks/{number}/transactions" },
        { "transactions", ApiMethod.Get, "transactions" },
        { "transaction", ApiMethod.Get, "transactions/{txId}" },
        { "contracts", ApiMethod.Get, "smart-contracts" },
        { "contract", ApiMethod.Get, "smart-contracts/{contractId}" },
        { "contract-query", ApiMethod.Post, "smart-contracts/{contractId}/query/{function}" },
        { "token", ApiMethod.Get, "tokens/{contractId}" },
        { "balance", ApiMethod.Get, "accounts/{address}/balance" },
        { "account-transactions", ApiMethod.Get, "accounts/{address}/transactions" },
        { "events", ApiMethod.Get, "events" },
        { "analytics-chaincode", ApiMethod.Get, "analytics/chaincode" },
    };

    [Fact]
    public void Describes_the_chain_and_its_test_network()
    {
        Descriptor.Id.ShouldBe("kalp");
        Descriptor.Name.ShouldBe("KALP DLT");
        Descriptor.ContractVersion.ShouldBe(PluginContract.Version);
        var network = Descriptor.Networks.ShouldHaveSingleItem();
        network.Id.ShouldBe("testnet");
        network.Name.ShouldBe("Test Net");
        network.IsTest.ShouldBeTrue();
        network.Aliases.ShouldBe(["TESTNET", "DEVNET", "NEWTESTNET"]);
    }

    [Fact]
    public void The_plugin_type_is_declared_on_the_assembly()
    {
        var attribute = typeof(KalpDltPlugin).Assembly.GetCustomAttributes(typeof(ChainPluginAttribute), false).Cast<ChainPluginAttribute>().ShouldHaveSingleItem();
        attribute.PluginType.ShouldBe(typeof(KalpDltPlugin));
    }

    [Fact]
    public void The_catalog_has_exactly_the_17_apis_of_the_spec()
    {
        Apis.Select(a => (a.Id, a.Method, a.Route)).ShouldBe(Catalog.Select(row => ((string)row[0], (ApiMethod)row[1], (string)row[2])));
        Apis.Select(a => a.Id).ShouldBeUnique();
        Apis.Select(a => $"{a.Method} {a.Route}").ShouldBeUnique();
    }

    [Fact]
    public void Every_api_is_fully_described()
    {
        string[] categories = ["Network", "Channels", "Blocks", "Transactions", "Smart Contracts", "Tokens", "Events", "Analytics"];
        foreach (var api in Apis)
        {
            api.Category.ShouldBeOneOf(categories);
            api.Summary.ShouldNotBeNullOrWhiteSpace();
            api.Name.ShouldNotBeNullOrWhiteSpace();
            api.Errors.ShouldNotBeNull();
            using (JsonDocument.Parse(api.ExampleResponse.ShouldNotBeNull())) { }
            var routeParameters = Regex.Matches(api.Route, "{([^}]+)}").Select(m => m.Groups[1].Value).ToArray();
            api.Parameters.Where(p => p.In == ParameterLocation.Path).Select(p => p.Name).ShouldBe(routeParameters, ignoreOrder: true, customMessage: api.Id);
            api.Parameters.Where(p => p.In == ParameterLocation.Path).ShouldAllBe(p => p.Required);
            api.Parameters.Select(p => p.Name).ShouldBeUnique();
            foreach (var pattern in api.Parameters.Select(p => p.Pattern).OfType<string>())
            {
                _ = new Regex(pattern);
            }
        }
        Apis.Single(a => a.Id == "contract-query").Body.ShouldNotBeNull().Example.ShouldContain("args");
    }

    [Fact]
    public void Paging_and_range_parameters_have_their_bounds()
    {
        foreach (var api in Apis.Where(a => a.Parameters.Any(p => p.Name == "page")))
        {
            var page = api.Parameters.Single(p => p.Name == "page");
            (page.Type, page.Minimum, page.Default).ShouldBe((ParameterType.Integer, 1L, "1"));
            var size = api.Parameters.Single(p => p.Name == "size");
            (size.Type, size.Minimum, size.Maximum, size.Default).ShouldBe((ParameterType.Integer, 1L, 100L, "20"));
        }
        Parameter("block", "number").Minimum.ShouldBe(0);
        Parameter("blocks", "from").Type.ShouldBe(ParameterType.Integer);
        Parameter("transactions", "from").Type.ShouldBe(ParameterType.DateTime);
        Parameter("analytics-chaincode", "to").Type.ShouldBe(ParameterType.DateTime);
        Parameter("events", "toBlock").Minimum.ShouldBe(0);
        Parameter("balance", "contractId").Default.ShouldBe("klp-f02611a93e-cc");
    }

    [Theory]
    [InlineData("transaction", "txId", "ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12", true)]
    [InlineData("transaction", "txId", "ab12", false)]
    [InlineData("block-by-hash", "hash", "AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12", true)]
    [InlineData("balance", "address", "3f1c9a7be4d2c08a61f5e9b7d3a2c4e6f8091b2d", true)]
    [InlineData("balance", "address", "0x3f1c9a7be4d2c08a61f5e9b7d3a2c4e6f8091b", false)]
    [InlineData("balance", "address", "0x3f1c9a7be4d2c08a61f5e9b7d3a2c4e6f8091b2d", false)]
    [InlineData("contract", "contractId", "klp-f02611a93e-cc", true)]
    [InlineData("contract", "contractId", "4a7b9c2d1e3f5a6b8c9d0e1f2a3b4c5d1710806400000", true)]
    [InlineData("contract", "contractId", "klp-F02611A93E-cc", false)]
    [InlineData("contract", "contractId", "gini", false)]
    [InlineData("contract-query", "function", "BalanceOf", true)]
    [InlineData("contract-query", "function", "balanceOf", false)]
    [InlineData("transactions", "status", "SUCCESS", true)]
    [InlineData("transactions", "status", "FAILED", true)]
    [InlineData("transactions", "status", "PENDING", false)]
    public void Patterns_accept_and_reject_as_the_spec_says(string apiId, string parameter, string value, bool accepted) =>
        Regex.IsMatch(value, Parameter(apiId, parameter).Pattern!).ShouldBe(accepted);

    private static ApiParameter Parameter(string apiId, string name) => Apis.Single(a => a.Id == apiId).Parameters.Single(p => p.Name == name);
}

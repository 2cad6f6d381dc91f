using System.Text.Json;
using KsQuery.Plugins.KalpDlt.Ledger;
using Shouldly;

namespace KalpDlt.Tests;

[Collection(DefaultLedgerCollection.Name)]
public sealed class ContractQueryTests(DefaultLedgerFixture fixture)
{
    private const string Gini = "klp-f02611a93e-cc";

    private PluginHarness Plugin => fixture.Harness;

    private ApiTests Api => new(fixture);

    [Theory]
    [InlineData("Name", "GINI")]
    [InlineData("Symbol", "GINI")]
    [InlineData("TotalSupply", "2000000000000000000000000000")]
    public async Task Text_functions(string function, string expected)
    {
        var json = await Plugin.GetAsync("contract-query", new { contractId = Gini, function });
        json.GetProperty("result").GetString().ShouldBe(expected);
        json.GetProperty("contractId").GetString().ShouldBe(Gini);
        json.GetProperty("function").GetString().ShouldBe(function);
    }

    [Fact]
    public async Task Decimals_is_a_number()
    {
        var ksd = Plugin.Ledger.State.Contracts.Single(c => c.Symbol == "KSD").ContractId;
        var json = await Plugin.GetAsync("contract-query", new { contractId = ksd, function = "Decimals" }, """{"args":{}}""");
        json.GetProperty("result").ValueKind.ShouldBe(JsonValueKind.Number);
        json.GetProperty("result").GetInt32().ShouldBe(6);
    }

    [Fact]
    public async Task BalanceOf_and_Allowance_read_the_ledger()
    {
        var (key, value) = Plugin.Ledger.State.Balances.First(b => b.Key.ContractId == Gini && b.Value > 0);
        var body = $$$"""{"walletAddress":"{{{key.Address}}}","args":{"account":"{{{key.Address.ToUpperInvariant()}}}"}}""";
        (await Plugin.GetAsync("contract-query", new { contractId = Gini, function = "BalanceOf" }, body))
            .GetProperty("result").GetString().ShouldBe(TokenAmount.ToText(value));

        var (allowance, amount) = Plugin.Ledger.State.Allowances.First(a => a.Value > 0);
        var allowanceBody = $$$"""{"args":{"owner":"{{{allowance.Owner}}}","spender":"{{{allowance.Spender}}}"}}""";
        (await Plugin.GetAsync("contract-query", new { contractId = allowance.ContractId, function = "Allowance" }, allowanceBody))
            .GetProperty("result").GetString().ShouldBe(TokenAmount.ToText(amount));

        var height = Plugin.Ledger.Latest!.Number;
        (await Plugin.GetAsync("contract-query", new { contractId = Gini, function = "BalanceOf" }, """{"args":{"account":"cccccccccccccccccccccccccccccccccccccccc"}}"""))
            .GetProperty("result").GetString().ShouldBe("0");
        Plugin.Ledger.Latest!.Number.ShouldBe(height);
    }

    [Fact]
    public async Task Errors()
    {
        await Api.AssertNotFound("contract-query", new { contractId = "klp-0000000000-cc", function = "Name" }, "contract_not_found");
        await Api.AssertNotFound("contract-query", new { contractId = Gini, function = "Burn" }, "function_not_found");
        await Api.AssertInvalid("contract-query", new { contractId = Gini, function = "BalanceOf" }, "args.account");
        await Api.AssertInvalid("contract-query", new { contractId = Gini, function = "BalanceOf" }, "args.account", """{"args":{"account":"0x1234"}}""");
        await Api.AssertInvalid("contract-query", new { contractId = Gini, function = "BalanceOf" }, "args.account", """{"args":{"account":42}}""");
        await Api.AssertInvalid("contract-query", new { contractId = Gini, function = "Allowance" }, "args.spender",
            """{"args":{"owner":"cccccccccccccccccccccccccccccccccccccccc"}}""");
        await Api.AssertInvalid("contract-query", new { contractId = Gini, function = "Name" }, "args", """{"args":["x"]}""");
        await Api.AssertInvalid("contract-query", new { contractId = Gini, function = "Name" }, "body", """[1,2]""");
        await Api.AssertInvalid("contract-query", new { contractId = Gini, function = "Name" }, "walletAddress",
            """{"walletAddress":"0xcccccccccccccccccccccccccccccccccccccccc"}""");
    }
}

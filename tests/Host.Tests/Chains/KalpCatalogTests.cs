using System.Net;
using Host.Tests.Support;

namespace Host.Tests.Chains;

/// <summary>The KALP DLT Test Net catalog over HTTP: complete, documented in OpenAPI, reachable under its aliases.</summary>
public sealed class KalpCatalogTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly ApiClient _api = fixture.Api;

    [Theory]
    [InlineData("kalp", "testnet")]
    [InlineData("KALP", "TESTNET")]
    [InlineData("kalp", "DEVNET")]
    [InlineData("kalp", "newtestnet")]
    public async Task The_catalog_resolves_ids_case_insensitively_and_through_aliases(string chain, string network)
    {
        var (status, catalog, _) = await _api.GetAsync($"/v1/chains/{chain}/networks/{network}/apis");
        status.ShouldBe(HttpStatusCode.OK);
        catalog.GetProperty("network").GetProperty("id").GetString().ShouldBe("testnet");
        catalog.GetProperty("apis").GetArrayLength().ShouldBe(17);
    }

    [Theory]
    [InlineData("nochain", "testnet", 404, "chain_not_found")]
    [InlineData("kalp", "mainnet", 404, "network_not_found")]
    [InlineData("ethereum", "mainnet", 409, "chain_not_available")]
    [InlineData("binance", "testnet", 409, "chain_not_available")]
    public async Task Unknown_or_coming_soon_networks_are_refused(string chain, string network, int statusCode, string code)
    {
        var (status, problem, _) = await _api.GetAsync($"/v1/chains/{chain}/networks/{network}/apis");
        ((int)status).ShouldBe(statusCode);
        problem.Code().ShouldBe(code);
    }

    [Fact]
    public async Task Every_catalog_api_is_an_openapi_operation_with_its_parameters_an_example_and_the_key_requirement()
    {
        var (_, catalog, _) = await _api.GetAsync("/v1/chains/kalp/networks/testnet/apis");
        var (_, document, _) = await _api.GetAsync("/openapi/v1.json");
        document.GetProperty("openapi").GetString()!.ShouldStartWith("3.1");
        var paths = document.GetProperty("paths");
        foreach (var api in catalog.GetProperty("apis").EnumerateArray())
        {
            var path = api.GetProperty("path").GetString()!;
            paths.TryGetProperty(path, out var item).ShouldBeTrue($"{path} is not in the OpenAPI document");
            var operation = item.GetProperty(api.GetProperty("method").GetString()!.ToLowerInvariant());
            operation.GetProperty("summary").GetString().ShouldBe(api.GetProperty("summary").GetString());
            operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json")
                .TryGetProperty("example", out _).ShouldBeTrue($"{path} has no example");
            operation.GetProperty("security")[0].TryGetProperty("apiKey", out _).ShouldBeTrue();
            var declared = api.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
            var documented = operation.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList()
                : [];
            documented.ShouldBe(declared, ignoreOrder: true);
        }
        paths.EnumerateObject().ShouldNotContain(p => p.Name.Contains("/devnet/", StringComparison.Ordinal), "aliases stay out of the docs");
    }

    [Fact]
    public async Task Chain_answers_and_key_refusals_carry_their_length_instead_of_being_chunked()
    {
        var token = await _api.SignUpAndLogInAsync($"length-{Guid.NewGuid():N}@example.com");
        await _api.SelectAsync(token);
        var (_, key) = await _api.CreateKeyAsync(token, "length");

        foreach (var url in new[] { "/v1/kalp/testnet/network", "/v1/kalp/testnet/blocks?size=100", "/v1/kalp/testnet/network" })
        {
            var (status, _, response) = await _api.GetAsync(url, apiKey: key);
            status.ShouldBe(HttpStatusCode.OK, url);
            var body = await response.Content.ReadAsByteArrayAsync();
            response.Content.Headers.ContentLength.ShouldBe(body.Length, url);
            response.Headers.TransferEncodingChunked.ShouldNotBe(true, url);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        }

        var (refusedStatus, refused, refusal) = await _api.GetAsync("/v1/kalp/testnet/network", apiKey: "ksq_test_not-a-key");
        refusedStatus.ShouldBe(HttpStatusCode.Unauthorized);
        refused.GetProperty("code").GetString().ShouldBe("key_invalid");
        refusal.Content.Headers.ContentLength.ShouldBe((await refusal.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Keyed_calls_work_under_every_alias_and_parameters_are_validated()
    {
        var token = await _api.SignUpAndLogInAsync($"catalog-{Guid.NewGuid():N}@example.com");
        await _api.SelectAsync(token);
        var (_, key) = await _api.CreateKeyAsync(token, "catalog");

        foreach (var network in new[] { "testnet", "TESTNET", "devnet", "NewTestNet" })
            (await _api.GetAsync($"/v1/kalp/{network}/blocks/latest", apiKey: key)).Status.ShouldBe(HttpStatusCode.OK, network);

        var (badStatus, bad, _) = await _api.GetAsync("/v1/kalp/testnet/accounts/0x1234/balance", apiKey: key);
        badStatus.ShouldBe(HttpStatusCode.BadRequest);
        bad.GetProperty("errors").TryGetProperty("address", out _).ShouldBeTrue();

        var (sizeStatus, size, _) = await _api.GetAsync("/v1/kalp/testnet/blocks?size=101", apiKey: key);
        sizeStatus.ShouldBe(HttpStatusCode.BadRequest);
        size.GetProperty("errors").TryGetProperty("size", out _).ShouldBeTrue();

        var (missingStatus, missing, _) = await _api.GetAsync("/v1/kalp/testnet/blocks/999999", apiKey: key);
        missingStatus.ShouldBe(HttpStatusCode.NotFound);
        missing.Code().ShouldBe("block_not_found");

        var (txStatus, tx, _) = await _api.GetAsync($"/v1/kalp/testnet/transactions/{new string('a', 64)}", apiKey: key);
        txStatus.ShouldBe(HttpStatusCode.NotFound);
        tx.Code().ShouldBe("transaction_not_found");

        var (pageStatus, page, _) = await _api.GetAsync("/v1/kalp/testnet/blocks?page=2&size=5", apiKey: key);
        pageStatus.ShouldBe(HttpStatusCode.OK);
        page.GetProperty("items").GetArrayLength().ShouldBe(5);
        page.GetProperty("page").GetInt32().ShouldBe(2);
        page.GetProperty("total").GetInt64().ShouldBe(240);
    }
}

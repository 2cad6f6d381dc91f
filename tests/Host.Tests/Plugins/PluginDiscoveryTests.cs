using System.Net;
using Host.Tests.Support;

namespace Host.Tests.Plugins;

/// <summary>A third-party plugin dropped into plugins/ is discovered by a host that does not reference it;
/// broken plugins are skipped with their reason and reported unhealthy while the rest serve.</summary>
public sealed class PluginDiscoveryTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private IAlbaHost _host = null!;
    private ApiClient _api = null!;

    public async Task InitializeAsync()
    {
        var plugins = TestPlugins.Install(Path.Combine(_data.Path, "plugins"), "SampleChain", "ThrowingChain", "FutureChain");
        _host = await TestHost.StartAsync(_data.Path, new Dictionary<string, string?> { ["KSQUERY_PLUGINS"] = plugins });
        _api = new ApiClient(_host);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task The_sample_chain_is_listed_catalogued_documented_and_callable_with_a_key_scoped_to_it()
    {
        var (_, chains, _) = await _api.GetAsync("/v1/chains");
        var sample = chains.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "sample");
        sample.GetProperty("status").GetString().ShouldBe("available");
        sample.GetProperty("name").GetString().ShouldBe("Sample Chain");

        var (catalogStatus, catalog, _) = await _api.GetAsync("/v1/chains/sample/networks/DEV/apis");
        catalogStatus.ShouldBe(HttpStatusCode.OK);
        catalog.GetProperty("apis").EnumerateArray().Select(a => a.GetProperty("path").GetString())
            .ShouldBe(["/v1/sample/devnet/status", "/v1/sample/devnet/words/{word}", "/v1/sample/devnet/sum"]);

        var (_, openApi, _) = await _api.GetAsync("/openapi/v1.json");
        var paths = openApi.GetProperty("paths");
        paths.TryGetProperty("/v1/sample/devnet/words/{word}", out var wordPath).ShouldBeTrue();
        var wordGet = wordPath.GetProperty("get");
        wordGet.GetProperty("parameters")[0].GetProperty("schema").GetProperty("pattern").GetString().ShouldBe("^[a-z]{1,20}$");
        // A drop-in plugin's typed answer, failures and running example reach the document like the built-in plugin's.
        wordGet.GetProperty("parameters")[0].GetProperty("example").GetString().ShouldBe("gamma");
        wordGet.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetProperty("$ref").GetString().ShouldBe("#/components/schemas/SampleWord");
        openApi.GetProperty("components").GetProperty("schemas").GetProperty("SampleWord").GetProperty("properties")
            .GetProperty("length").GetProperty("type").GetString().ShouldBe("integer");
        wordGet.GetProperty("responses").GetProperty("404").GetProperty("content").GetProperty("application/problem+json")
            .GetProperty("schema").GetProperty("allOf")[1].GetProperty("properties").GetProperty("code").GetProperty("enum")[0]
            .GetString().ShouldBe("word_not_found");

        var token = await _api.SignUpAndLogInAsync("plugin-author@example.com");
        await _api.SelectAsync(token, "sample", "devnet");
        var (_, sampleKey) = await _api.CreateKeyAsync(token, "sample-bot");
        sampleKey.ShouldStartWith("ksq_test_");

        var (okStatus, word, _) = await _api.GetAsync("/v1/sample/devnet/words/alpha", apiKey: sampleKey);
        okStatus.ShouldBe(HttpStatusCode.OK, word.ToString());
        word.GetProperty("length").GetInt32().ShouldBe(5);

        var (aliasStatus, _, _) = await _api.GetAsync("/v1/sample/DEV/words/beta", apiKey: sampleKey);
        aliasStatus.ShouldBe(HttpStatusCode.OK);

        var (badStatus, bad, _) = await _api.GetAsync("/v1/sample/devnet/words/NOT-A-WORD", apiKey: sampleKey);
        badStatus.ShouldBe(HttpStatusCode.BadRequest);
        bad.Code().ShouldBe("validation_failed");
        bad.GetProperty("errors").TryGetProperty("word", out _).ShouldBeTrue();

        var (missingStatus, missing, _) = await _api.GetAsync("/v1/sample/devnet/words/delta", apiKey: sampleKey);
        missingStatus.ShouldBe(HttpStatusCode.NotFound);
        missing.Code().ShouldBe("word_not_found");

        var (sumStatus, sum, _) = await _api.PostAsync("/v1/sample/devnet/sum", new { numbers = new[] { 1, 2, 39 } }, apiKey: sampleKey);
        sumStatus.ShouldBe(HttpStatusCode.OK, sum.ToString());
        sum.GetProperty("sum").GetInt64().ShouldBe(42);

        var (scopeStatus, scope, _) = await _api.GetAsync("/v1/kalp/testnet/network", apiKey: sampleKey);
        scopeStatus.ShouldBe(HttpStatusCode.Forbidden);
        scope.Code().ShouldBe("key_scope_mismatch");
    }

    [Fact]
    public async Task Broken_plugins_are_skipped_with_their_reason_and_reported_unhealthy_while_the_rest_serve()
    {
        var (healthStatus, health, _) = await _api.GetAsync("/health");
        healthStatus.ShouldBe(HttpStatusCode.OK); // none of them is required (Plugins:Required: kalp)
        var plugins = health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "plugins");
        plugins.GetProperty("ThrowingChain").GetString()!.ShouldContain("missing configuration file chain.toml");
        plugins.GetProperty("future").GetString()!.ShouldContain("contract version 2.0");
        plugins.GetProperty("kalp").GetString().ShouldBe("healthy");
        plugins.GetProperty("sample").GetString().ShouldBe("healthy");

        var (_, chains, _) = await _api.GetAsync("/v1/chains");
        chains.EnumerateArray().Select(c => c.GetProperty("id").GetString()).ShouldBe(["kalp", "sample", "call-fails", "start-fails", "check-fails", "older", "ethereum", "binance"], ignoreOrder: true);
    }
}

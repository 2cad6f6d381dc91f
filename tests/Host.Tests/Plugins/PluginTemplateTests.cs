using System.Net;
using Host.Tests.Support;

namespace Host.Tests.Plugins;

/// <summary>A third party with only the packages: the SDK and the template packed into a local folder feed, the template
/// installed into a throw-away hive, a plugin created from it outside the repository (so none of the repository's props
/// apply), restored from that feed and the normal package source, built and its own tests run; its build output
/// dropped into a host's plugin folder, and after a restart its APIs are listed, catalogued, documented with their
/// typed answers and callable with a key scoped to its network.</summary>
public sealed class PluginTemplateTests
{
    [Fact]
    [Trait("Category", "Packages")]
    public async Task A_plugin_created_from_the_template_package_builds_passes_its_tests_and_serves_in_the_host()
    {
        using var work = new TempDirectory();
        var feed = Directory.CreateDirectory(Path.Combine(work.Path, "feed")).FullName;
        var hive = Path.Combine(work.Path, "hive");
        var root = DotnetCli.RepositoryRoot;
        // The test project's build has just built the SDK: pack that build. The template package has nothing to compile.
        await DotnetCli.RunAsync(root, null, "pack", "src/Plugins/Abstractions", "--no-build", "--no-restore", "-c", DotnetCli.Configuration, "-o", feed);
        await DotnetCli.RunAsync(root, null, "pack", "templates/KsQuery.Templates.csproj", "-c", DotnetCli.Configuration, "-o", feed);

        await DotnetCli.RunAsync(work.Path, null, "new", "install", Path.Combine(feed, "KsQuery.Templates.1.0.0.nupkg"), "--debug:custom-hive", hive);
        await DotnetCli.RunAsync(work.Path, null, "new", "ksquery-plugin", "-n", "AcmeChain", "--chainId", "acme", "--debug:custom-hive", hive);
        await File.WriteAllTextAsync(Path.Combine(work.Path, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="KsQuery.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        // KsQuery.* only from the feed, and a packages folder of its own, so no other KsQuery.Plugins.Abstractions 1.0.0
        // (another source's, or one cached by an earlier run) can stand in for the one packed now (downloads of the
        // other packages still come from the machine's HTTP cache).
        var packages = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work.Path, "packages") };
        var project = Path.Combine(work.Path, "AcmeChain");
        await DotnetCli.RunAsync(project, packages, "test", "-c", "Release");
        var output = Path.Combine(project, "src", "AcmeChain", "bin", "Release", "net10.0");
        File.Exists(Path.Combine(output, "AcmeChain.dll")).ShouldBeTrue();
        File.Exists(Path.Combine(output, "KsQuery.Plugins.Abstractions.dll")).ShouldBeFalse("the host provides the SDK");

        var data = Path.Combine(work.Path, "data");
        var plugins = Directory.CreateDirectory(Path.Combine(data, "plugins")).FullName;
        var settings = new Dictionary<string, string?> { ["KSQUERY_PLUGINS"] = plugins };
        await using (var before = await TestHost.StartAsync(data, settings))
        {
            var api = new ApiClient(before);
            await api.SignUpAndLogInAsync("acme-author@example.com");
            (await ChainIdsAsync(api)).ShouldNotContain("acme");
        }

        var target = Directory.CreateDirectory(Path.Combine(plugins, "AcmeChain")).FullName;
        foreach (var file in Directory.GetFiles(output))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));

        await using var host = await TestHost.StartAsync(data, settings);
        var client = new ApiClient(host);
        var (_, chains, _) = await client.GetAsync("/v1/chains");
        var acme = chains.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "acme");
        acme.GetProperty("status").GetString().ShouldBe("available");

        var (catalogStatus, catalog, _) = await client.GetAsync("/v1/chains/acme/networks/testnet/apis");
        catalogStatus.ShouldBe(HttpStatusCode.OK, catalog.ToString());
        catalog.GetProperty("apis").EnumerateArray().Select(a => a.GetProperty("path").GetString())
            .ShouldBe(["/v1/acme/testnet/blocks/{number}", "/v1/acme/testnet/blocks/range"]);

        var (_, openApi, _) = await client.GetAsync("/openapi/v1.json");
        var block = openApi.GetProperty("paths").GetProperty("/v1/acme/testnet/blocks/{number}").GetProperty("get");
        block.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetProperty("$ref").GetString().ShouldBe("#/components/schemas/AcmeChainBlock");
        var range = openApi.GetProperty("paths").GetProperty("/v1/acme/testnet/blocks/range").GetProperty("post");
        range.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetProperty("$ref").GetString().ShouldBe("#/components/schemas/AcmeChainBlockRange");
        openApi.GetProperty("components").GetProperty("schemas").GetProperty("AcmeChainBlock").GetProperty("properties")
            .GetProperty("hash").GetProperty("type").GetString().ShouldBe("string");

        var (loginStatus, login, _) = await client.PostAsync("/v1/auth/login", new { email = "acme-author@example.com", password = "correct horse battery" });
        loginStatus.ShouldBe(HttpStatusCode.OK);
        var token = login.GetProperty("accessToken").GetString()!;
        await client.SelectAsync(token, "acme", "testnet");
        var (_, key) = await client.CreateKeyAsync(token, "acme-bot");

        var (blockStatus, answer, _) = await client.GetAsync("/v1/acme/testnet/blocks/7", apiKey: key);
        blockStatus.ShouldBe(HttpStatusCode.OK, answer.ToString());
        answer.GetProperty("number").GetInt64().ShouldBe(7);

        var (rangeStatus, blocks, _) = await client.PostAsync("/v1/acme/testnet/blocks/range", new { from = 2, to = 4 }, apiKey: key);
        rangeStatus.ShouldBe(HttpStatusCode.OK, blocks.ToString());
        blocks.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("number").GetInt64()).ShouldBe([2L, 3L, 4L]);

        var (missingStatus, missing, _) = await client.GetAsync("/v1/acme/testnet/blocks/100000", apiKey: key);
        missingStatus.ShouldBe(HttpStatusCode.NotFound);
        missing.Code().ShouldBe("block_not_found");
    }

    private static async Task<List<string?>> ChainIdsAsync(ApiClient api)
    {
        var (_, chains, _) = await api.GetAsync("/v1/chains");
        return chains.EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
    }
}

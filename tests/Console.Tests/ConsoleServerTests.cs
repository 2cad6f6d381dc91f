using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Console.Tests.Support;
using KsQuery.WebConsole.Assets;
using KsQuery.WebConsole.Pages;

namespace Console.Tests;

/// <summary>What the host serves for the console (no browser needed): the page at every console route with its security
/// headers, the embedded files with their types and ETags, and problem details for everything else.</summary>
public sealed class ConsoleServerTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    public static TheoryData<string> PageUrls => new() { "/", "/login", "/signup", "/network", "/keys", "/keys/some-key-id", "/apis", "/usage", "/teams", "/teams/some-team-id", "/audit", "/account" };

    [Theory]
    [MemberData(nameof(PageUrls))]
    public async Task Every_console_route_answers_the_console_page_with_its_security_headers(string url)
    {
        using var response = await fixture.Http.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync()).ShouldContain("<script type=\"module\" src=\"/assets/js/main.js\"></script>");
        Header(response, "Content-Security-Policy").ShouldBe(ConsoleResponses.ContentSecurityPolicy);
        ConsoleResponses.ContentSecurityPolicy.ShouldContain("default-src 'self'");
        ConsoleResponses.ContentSecurityPolicy.ShouldContain("script-src 'self';");
        ConsoleResponses.ContentSecurityPolicy.ShouldContain("style-src 'self';");
        ConsoleResponses.ContentSecurityPolicy.ShouldContain("frame-ancestors 'none'");
        ConsoleResponses.ContentSecurityPolicy.ShouldNotContain("unsafe");
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
        response.Headers.CacheControl!.NoCache.ShouldBeTrue();
        response.Headers.ETag.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("/assets/js/main.js", "text/javascript")]
    [InlineData("/assets/js/pages/keys.js", "text/javascript")]
    [InlineData("/assets/css/base.css", "text/css")]
    [InlineData("/assets/icon.svg", "image/svg+xml")]
    public async Task Files_are_served_with_their_type_and_answered_304_while_unchanged(string url, string mediaType)
    {
        using var first = await fixture.Http.GetAsync(url);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.Content.Headers.ContentType!.MediaType.ShouldBe(mediaType);
        first.Headers.CacheControl!.NoCache.ShouldBeTrue();
        Header(first, "Content-Security-Policy").ShouldStartWith("default-src 'none'", Case.Sensitive, "a file loads nothing; the page's policy is the page's");
        Header(first, "X-Content-Type-Options").ShouldBe("nosniff");
        var etag = first.Headers.ETag.ShouldNotBeNull();
        etag.IsWeak.ShouldBeFalse();
        (await first.Content.ReadAsByteArrayAsync()).Length.ShouldBe((int)first.Content.Headers.ContentLength!.Value);

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        using var revalidated = await fixture.Http.SendAsync(again);
        revalidated.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await revalidated.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();

        using var stale = new HttpRequestMessage(HttpMethod.Get, url);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"not-the-current-one\""));
        (await fixture.Http.SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Head_answers_the_headers_without_a_body()
    {
        using var response = await fixture.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/keys"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentLength.ShouldNotBeNull().ShouldBeGreaterThan(0);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/assets/js/missing.js")]
    [InlineData("/assets/../index.html")]
    [InlineData("/assets/")]
    [InlineData("/keys/one/two")]
    [InlineData("/v1/nothing-here")]
    [InlineData("/index.html")]
    public async Task Anything_else_is_a_problem_details_404_not_the_page(string url)
    {
        using var response = await fixture.Http.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString().ShouldBe("not_found");
    }

    [Fact]
    public void Every_file_a_page_or_module_loads_is_embedded()
    {
        var assets = ConsoleAssets.Load();
        var missing = new List<string>();
        var page = Text(assets.Page);
        foreach (Match link in Regex.Matches(page, "(?:src|href)=\"/(assets/[^\"]+)\""))
        {
            if (assets.Find(link.Groups[1].Value) is null)
                missing.Add($"index.html -> {link.Groups[1].Value}");
        }
        foreach (var path in assets.Paths.Where(p => p.EndsWith(".js", StringComparison.Ordinal)))
        {
            foreach (Match import in Regex.Matches(Text(assets.Find(path)!), @"(?:from|import)\s+'(\.{1,2}/[^']+)'"))
            {
                var target = Path.GetFullPath(Path.Combine("/" + Path.GetDirectoryName(path)!, import.Groups[1].Value))[1..];
                if (assets.Find(target) is null)
                    missing.Add($"{path} -> {import.Groups[1].Value}");
            }
        }
        assets.Paths.Count(p => p.EndsWith(".js", StringComparison.Ordinal)).ShouldBeGreaterThan(10);
        missing.ShouldBeEmpty();
    }

    [Fact]
    public void The_files_build_no_markup_from_text_use_no_inline_script_or_style_and_name_no_other_host()
    {
        var assets = ConsoleAssets.Load();
        var findings = new List<string>();
        string[] forbiddenInScripts = ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", ".style", "'style'", "setTimeout('", "javascript:"];
        foreach (var path in assets.Paths)
        {
            var text = Text(assets.Find(path)!);
            if (path.EndsWith(".js", StringComparison.Ordinal))
                findings.AddRange(forbiddenInScripts.Where(text.Contains).Select(f => $"{path}: {f}"));
            if (path.EndsWith(".html", StringComparison.Ordinal) || path.EndsWith(".svg", StringComparison.Ordinal))
            {
                if (Regex.IsMatch(text, @"\sstyle\s*=|\son[a-z]+\s*=|<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase))
                    findings.Add($"{path}: inline style, handler or script");
            }
            // The SVG namespace is a name, not a request; any other absolute URL would be a request to another host.
            foreach (Match url in Regex.Matches(text, @"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", RegexOptions.IgnoreCase))
            {
                if (url.Value != "http://www.w3.org")
                    findings.Add($"{path}: {url.Value}");
            }
        }
        findings.ShouldBeEmpty();
    }

    [Fact]
    public void The_server_and_the_script_router_know_the_same_pages()
    {
        var routesScript = Text(ConsoleAssets.Load().Find("assets/js/routes.js")!);
        var scriptPatterns = Regex.Matches(routesScript, @"pattern: /(\^.*?\$)/").Select(m => new Regex(m.Groups[1].Value.Replace(@"\/", "/"))).ToList();
        var serverUrls = ConsolePages.Routes.Select(r => Regex.Replace(r, @"\{\w+\}", "some-id")).ToList();

        scriptPatterns.Count.ShouldBe(ConsolePages.Routes.Count);
        foreach (var url in serverUrls)
            scriptPatterns.Count(p => p.IsMatch(url)).ShouldBe(1, $"the script router has no page for {url}");
        foreach (var pattern in scriptPatterns)
            serverUrls.Count(pattern.IsMatch).ShouldBe(1, $"the server does not answer {pattern} with the page");
    }

    [Fact]
    public void The_console_references_no_module_it_only_calls_the_http_api()
    {
        typeof(KsQuery.WebConsole.ConsoleModule).Assembly.GetReferencedAssemblies().Select(r => r.Name!)
            .Where(n => n.StartsWith("KsQuery", StringComparison.Ordinal) || n.StartsWith("Wolverine", StringComparison.Ordinal))
            .ShouldBeEmpty();
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    private static string Text(ConsoleAsset asset) => System.Text.Encoding.UTF8.GetString(asset.Content.Span);
}

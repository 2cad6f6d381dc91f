using System.Text.RegularExpressions;
using Host.Tests.Support;
using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Host.Tests.Http;

/// <summary>docs/api.md is the HTTP contract: its tables must name exactly the <c>/v1</c> routes the running host serves,
/// and it must name every problem <c>code</c> the host's source can answer with, so a route or code added without
/// documenting it (or a documented route that is gone) fails here.</summary>
public sealed class ApiContractDocTests
{
    // The one line that covers every keyed chain API endpoint (their routes come from the plugins' catalogs).
    private const string ChainApiLine = "`GET|POST /v1/{chain}/{network}/...`";

    [Fact]
    public async Task Every_v1_route_the_host_serves_is_in_the_tables_of_docs_api_md()
    {
        var documented = DocumentedRoutes(ApiDoc());
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(data.Path);
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/v1", StringComparison.Ordinal) == true).ToList();

        var chainApis = endpoints.Where(e => e.Metadata.GetMetadata<ChainApiMetadata>() is not null).ToList();
        chainApis.ShouldNotBeEmpty("the KALP DLT plugin's APIs should be served");
        ApiDoc().ShouldContain(ChainApiLine);
        foreach (var method in chainApis.SelectMany(Methods).Distinct())
            new[] { "GET", "POST" }.ShouldContain(method, $"a chain API answers {method}, which {ChainApiLine} does not name");

        var served = endpoints.Except(chainApis)
            .SelectMany(e => Methods(e).Select(m => $"{m} {Normalize(e.RoutePattern.RawText!)}"))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        served.ShouldContain("POST /v1/auth/logout"); // the scan sees the host's routes
        served.Where(r => !documented.Contains(r)).ShouldBeEmpty("served under /v1 but missing from the tables of docs/api.md");
        documented.Where(r => r.Contains(" /v1", StringComparison.Ordinal) && !served.Contains(r)).Order(StringComparer.Ordinal)
            .ShouldBeEmpty("in the tables of docs/api.md but not served by the host");
    }

    [Fact]
    public void Every_problem_code_the_source_uses_is_in_docs_api_md()
    {
        var codes = ProblemCodesInSource();
        // One of each kind of place a code comes from, so a scan that stops finding them fails rather than passes.
        new[]
        {
            "unauthenticated", "key_limit_reached", "selection_required", "key_revoked", "rate_limited", "usage_unavailable",
            "internal_error", "method_not_allowed", "error", "validation_failed", "block_not_found", "api_not_found",
            "key_scope_mismatch", "not_supported_by_source",
        }.ShouldBeSubsetOf(codes);

        var doc = ApiDoc();
        codes.Where(c => !doc.Contains($"`{c}`", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .ShouldBeEmpty("problem codes used in src/ but missing from docs/api.md");
    }

    /// <summary><c>METHOD route</c> of every row of the tables: the first cell names the method(s), the second holds
    /// the route(s) in backticks, possibly with a query string.</summary>
    internal static HashSet<string> DocumentedRoutes(string doc)
    {
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in doc.Split('\n').Where(l => l.StartsWith('|')))
        {
            var cells = Regex.Split(line, @"(?<!\\)\|");
            if (cells.Length < 3)
                continue;
            foreach (var method in cells[1].Trim().Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            foreach (Match route in Regex.Matches(cells[2], "`([^`]+)`"))
                routes.Add($"{method} {Normalize(route.Groups[1].Value.Split('?')[0])}");
        }
        return routes;
    }

    /// <summary>The string literals the host's source passes as a problem <c>code</c>: to the problem builders
    /// (ApiProblems, ApiError, KeyRejection), after a status in a problem's constructor or tuple, in the
    /// status-to-code switch of HttpConventions, as the <c>code</c> extension, and the snake_case code constants
    /// (KeyFailureCodes, KalpErrorCodes, LimitDecision, UsageUnavailable, alert kinds).</summary>
    internal static HashSet<string> ProblemCodesInSource()
    {
        const string Code = @"""(?<code>[a-z][a-z0-9_]*)""";
        Regex[] patterns =
        [
            new(@"\b(?:ApiProblems\.(?!Invalid\b)\w+|ApiError\.(?!Invalid\b)\w+|KeyRejection)\(\s*(?:[^""();]+,\s*){0,2}" + Code),
            new(@"(?:\b[1-5]\d\d|\bStatusCode|\bStatus[1-5]\d\d\w*)\s*,\s*" + Code),
            new(@"\b[1-5]\d\d\s*=>\s*" + Code),
            new(@"\bstatus\s*>=\s*\d{3}\s*\?\s*""(?<code>[a-z_]+)""\s*:\s*" + Code),
            new(@"\[""code""\]\s*=\s*" + Code),
            // Code constants are snake_case with at least one underscore; collection names are not codes.
            new(@"\bconst\s+string\s+(?!\w*Collection)\w+\s*=\s*""(?<code>[a-z][a-z0-9]*(?:_[a-z0-9]+)+)"""),
        ];
        var src = Path.Combine(RepositoryRoot(), "src");
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(src, file).Replace('\\', '/');
            if (relative.Contains("/bin/") || relative.Contains("/obj/") || relative.Contains("/Generated/"))
                continue;
            var text = File.ReadAllText(file);
            foreach (var pattern in patterns)
            foreach (Match match in pattern.Matches(text))
            foreach (Capture capture in match.Groups["code"].Captures)
                codes.Add(capture.Value);
        }
        return codes;
    }

    private static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"];

    private static string Normalize(string route) => route.Length > 1 ? route.TrimEnd('/') : route;

    internal static string ApiDoc() => File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "api.md"));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "KsQuery.slnx")))
                return directory.FullName;
        throw new InvalidOperationException("KsQuery.slnx not found above " + AppContext.BaseDirectory);
    }
}

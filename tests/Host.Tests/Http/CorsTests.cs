using System.Net;
using Host.Tests.Support;
using Microsoft.Extensions.Options;

namespace Host.Tests.Http;

/// <summary>CORS is closed unless origins are listed in <c>Cors:AllowedOrigins</c>: then exactly those origins may call
/// the API from a browser (dashboard routes with a bearer token, chain APIs with a key), and no other.</summary>
public sealed class CorsTests
{
    private const string Allowed = "https://app.example.com";
    private const string Other = "https://evil.example";

    [Fact]
    public async Task By_default_no_origin_gets_CORS_headers()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(data.Path);
        var http = host.Server.CreateClient();

        var preflight = await http.SendAsync(Preflight("/v1/keys", Allowed, "POST"));
        preflight.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        preflight.Headers.Contains("Access-Control-Allow-Methods").ShouldBeFalse();

        var get = await http.SendAsync(WithOrigin(HttpMethod.Get, "/v1/chains", Allowed));
        get.StatusCode.ShouldBe(HttpStatusCode.OK);
        get.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task A_listed_origin_may_call_dashboard_and_chain_routes_and_read_the_limit_headers()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(data.Path, new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = Allowed, ["Cors:AllowedOrigins:1"] = "http://localhost:3000" });
        var api = new ApiClient(host);

        var preflight = await api.Http.SendAsync(Preflight("/v1/keys", Allowed, "POST", "authorization, content-type"));
        preflight.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        preflight.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe(Allowed);
        preflight.Headers.GetValues("Access-Control-Allow-Methods").Single().ShouldContain("POST");
        preflight.Headers.GetValues("Access-Control-Allow-Headers").Single().ToLowerInvariant().ShouldContain("authorization");
        preflight.Headers.Contains("Access-Control-Allow-Credentials").ShouldBeFalse();

        var keyedPreflight = await api.Http.SendAsync(Preflight("/v1/kalp/testnet/network", "http://localhost:3000", "GET", "x-api-key"));
        keyedPreflight.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        keyedPreflight.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe("http://localhost:3000");
        keyedPreflight.Headers.GetValues("Access-Control-Allow-Headers").Single().ToLowerInvariant().ShouldContain("x-api-key");

        var token = await api.SignUpAndLogInAsync("cors@example.com");
        await api.SelectAsync(token);
        var (_, key) = await api.CreateKeyAsync(token, "browser");
        using var keyed = WithOrigin(HttpMethod.Get, "/v1/kalp/testnet/network", Allowed);
        keyed.Headers.Add("X-Api-Key", key);
        var answer = await api.Http.SendAsync(keyed);
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        answer.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe(Allowed);
        answer.Headers.Vary.ShouldContain("Origin");
        var exposed = answer.Headers.GetValues("Access-Control-Expose-Headers").Single().ToLowerInvariant();
        foreach (var header in new[] { "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "retry-after", "location" })
            exposed.ShouldContain(header);
    }

    [Fact]
    public async Task An_origin_not_listed_gets_no_CORS_headers()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(data.Path, new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = Allowed });
        var http = host.Server.CreateClient();

        var preflight = await http.SendAsync(Preflight("/v1/keys", Other, "POST", "authorization"));
        preflight.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        preflight.Headers.Contains("Access-Control-Allow-Methods").ShouldBeFalse();

        // A sub-domain or another scheme of the listed origin is another origin.
        foreach (var origin in new[] { "https://x.app.example.com", "http://app.example.com", "https://app.example.com.evil.example" })
        {
            var get = await http.SendAsync(WithOrigin(HttpMethod.Get, "/v1/chains", origin));
            get.StatusCode.ShouldBe(HttpStatusCode.OK);
            get.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse(origin);
        }
    }

    [Theory]
    [InlineData("*")]
    [InlineData("https://app.example.com/")]
    [InlineData("https://app.example.com/path")]
    [InlineData("app.example.com")]
    [InlineData("ftp://app.example.com")]
    [InlineData("https://user@app.example.com")]
    [InlineData("https://app.example.com?x=1")]
    [InlineData("")]
    public async Task An_allowed_origin_that_is_not_an_origin_stops_the_start(string origin)
    {
        using var data = new TempDirectory();
        var error = await Should.ThrowAsync<OptionsValidationException>(() =>
            TestHost.StartAsync(data.Path, new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = origin }));
        error.Message.ShouldContain("Cors:AllowedOrigins");
    }

    private static HttpRequestMessage Preflight(string path, string origin, string method, string? headers = null)
    {
        var request = WithOrigin(HttpMethod.Options, path, origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        if (headers is not null)
            request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private static HttpRequestMessage WithOrigin(HttpMethod method, string path, string origin)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Origin", origin);
        return request;
    }
}

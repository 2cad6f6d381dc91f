using System.Net;
using System.Text.RegularExpressions;
using Host.Tests.Support;

namespace Host.Tests.Http;

/// <summary>Every answer, keyed calls and failures included, tells browsers not to sniff, not to send a referrer, not to
/// frame it, and carries a Content-Security-Policy: the strictest for JSON, and for Scalar's page one that lets only its
/// own scripts run (by origin and per-request nonce) and loads nothing from elsewhere.</summary>
public sealed partial class SecurityHeadersTests(SignedInHostFixture fixture) : IClassFixture<SignedInHostFixture>
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    [Theory]
    [InlineData("GET", "/health", null, 200)]
    [InlineData("GET", "/v1/chains", null, 200)]
    [InlineData("GET", "/openapi/v1.json", null, 200)]
    [InlineData("GET", "/v1/nothing-here", null, 404)]
    [InlineData("DELETE", "/v1/chains", null, 405)]
    [InlineData("GET", "/v1/keys", null, 401)]
    [InlineData("GET", "/v1/keys", "token", 200)]
    [InlineData("POST", "/v1/keys", "token", 400)]
    [InlineData("GET", "/v1/kalp/testnet/network", null, 401)]
    [InlineData("GET", "/v1/kalp/testnet/network", "key", 200)]
    [InlineData("GET", "/v1/kalp/testnet/blocks/999999", "key", 404)]
    public async Task Every_answer_carries_the_security_headers(string method, string path, string? credential, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (credential == "token")
            request.Headers.Authorization = new("Bearer", fixture.Token);
        if (credential == "key")
            request.Headers.Add("X-Api-Key", fixture.Key);
        if (method == "POST")
            request.Content = new StringContent("{\"name\":", System.Text.Encoding.UTF8, "application/json");
        var response = await fixture.Api.Http.SendAsync(request);
        ((int)response.StatusCode).ShouldBe(status);
        ShouldCarryTheHeaders(response, ApiPolicy);
    }

    [Fact]
    public async Task Scalar_may_run_only_its_own_scripts_each_with_the_nonce_of_its_answer()
    {
        var first = await fixture.Api.Http.GetAsync("/scalar/v1");
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var policy = first.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = NoncePolicy().Match(policy).Groups[1].Value;
        nonce.Length.ShouldBeGreaterThanOrEqualTo(16, policy);
        ShouldCarryTheHeaders(first, policy);
        policy.ShouldBe($"default-src 'none'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");

        var page = await first.Content.ReadAsStringAsync();
        var scripts = ScriptTag().Matches(page);
        scripts.Count.ShouldBeGreaterThan(0);
        scripts.ShouldAllBe(tag => tag.Value.Contains($"nonce=\"{nonce}\""));
        // Nothing from another origin: no absolute URL in the page, Scalar's CDN fonts off.
        page.ShouldNotContain("http://");
        page.ShouldNotContain("https://");
        page.ShouldContain("\"withDefaultFonts\":false");

        var second = await fixture.Api.Http.GetAsync("/scalar/v1");
        second.Headers.GetValues("Content-Security-Policy").Single().ShouldNotContain(nonce);
        second.Headers.CacheControl!.NoStore.ShouldBeTrue();

        // Its script is served with a script type, which nosniff requires.
        var script = await fixture.Api.Http.GetAsync("/scalar/scalar.js");
        script.StatusCode.ShouldBe(HttpStatusCode.OK);
        script.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        script.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
    }

    [Fact]
    public async Task A_failed_request_keeps_the_headers_the_exception_handler_clears()
    {
        using var data = new TempDirectory();
        var clock = new FailingClock();
        await using var host = await TestHost.StartAsync(data.Path, clock: clock);
        host.Server.PreserveExecutionContext = true; // the failure is switched on for this request only
        var api = new ApiClient(host);
        var token = await api.SignUpAndLogInAsync("fails@example.com");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/usage/timeseries");
        request.Headers.Authorization = new("Bearer", token);
        HttpResponseMessage response;
        using (clock.FailHere())
            response = await api.Http.SendAsync(request);
        await ProblemDetailsTests.ShouldBeProblem(response, 500, "internal_error");
        ShouldCarryTheHeaders(response, ApiPolicy);
    }

    private static void ShouldCarryTheHeaders(HttpResponseMessage response, string policy)
    {
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldBe(policy);
    }

    [GeneratedRegex("'nonce-([A-Za-z0-9_+/=-]+)'")]
    private static partial Regex NoncePolicy();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();

    /// <summary>The system clock, which throws inside <see cref="FailHere"/> only: the host's background work, started
    /// outside it, never sees the failure.</summary>
    private sealed class FailingClock : TimeProvider
    {
        private readonly AsyncLocal<bool> _failing = new();

        public override DateTimeOffset GetUtcNow() =>
            _failing.Value ? throw new InvalidOperationException("clock failure for the test") : System.GetUtcNow();

        public IDisposable FailHere()
        {
            _failing.Value = true;
            return new Restore(this);
        }

        private sealed class Restore(FailingClock clock) : IDisposable
        {
            public void Dispose() => clock._failing.Value = false;
        }
    }
}

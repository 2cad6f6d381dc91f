using System.Net;
using Host.Tests.Support;
using Microsoft.Extensions.Options;

namespace Host.Tests.Http;

/// <summary>Client addresses (for throttles and the rejections log) come from the connection, or from
/// <c>X-Forwarded-For</c> only when the connection is a configured trusted proxy (issue 12, item 5). Observed through the
/// sign-up throttle, which counts per client address: with one sign-up per address, a second sign-up is refused exactly
/// when it is seen as coming from the same client.</summary>
public sealed class TrustedProxyTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private int _emails;

    public void Dispose() => _data.Dispose();

    private Task<IAlbaHost> StartAsync(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["Keys:Throttling:SignUpsPerAddress"] = "1" };
        foreach (var (key, value) in settings)
            all[key] = value;
        return TestHost.StartAsync(_data.Path, all);
    }

    private async Task<int> SignUpAsync(IAlbaHost host, string connection, string? forwardedFor)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(new { email = $"user{++_emails}@example.com", password = "correct horse battery" }).ToUrl("/v1/accounts");
            if (forwardedFor is not null)
                s.WithRequestHeader("X-Forwarded-For", forwardedFor);
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = IPAddress.Parse(connection));
            s.IgnoreStatusCode();
        });
        return result.Context.Response.StatusCode;
    }

    [Fact]
    public async Task Without_configured_proxies_forwarded_headers_are_ignored()
    {
        await using var host = await StartAsync();

        (await SignUpAsync(host, "10.0.0.1", "203.0.113.1")).ShouldBe(201);
        (await SignUpAsync(host, "10.0.0.1", "203.0.113.2")).ShouldBe(429, "the connection's address counts");
        (await SignUpAsync(host, "127.0.0.1", "203.0.113.3")).ShouldBe(201);
        (await SignUpAsync(host, "127.0.0.1", "203.0.113.4")).ShouldBe(429, "not even loopback is trusted by default");
    }

    [Fact]
    public async Task A_configured_proxy_forwards_each_clients_own_address_and_nobody_else_can()
    {
        await using var host = await StartAsync(("ForwardedHeaders:KnownProxies", "10.0.0.1, 10.0.0.2"));

        (await SignUpAsync(host, "10.0.0.1", "203.0.113.1")).ShouldBe(201);
        (await SignUpAsync(host, "10.0.0.1", "203.0.113.2")).ShouldBe(201, "another client behind the same proxy");
        (await SignUpAsync(host, "10.0.0.2", "203.0.113.1")).ShouldBe(429, "the same client through the other proxy");

        (await SignUpAsync(host, "10.0.0.9", "203.0.113.3")).ShouldBe(201);
        (await SignUpAsync(host, "10.0.0.9", "203.0.113.4")).ShouldBe(429, "an untrusted connection's header is ignored");
        (await SignUpAsync(host, "127.0.0.1", "203.0.113.5")).ShouldBe(201);
        (await SignUpAsync(host, "127.0.0.1", "203.0.113.6")).ShouldBe(429, "loopback is not trusted unless configured");
    }

    [Fact]
    public async Task A_configured_network_of_proxies_is_trusted_and_a_spoofed_chain_only_to_its_first_untrusted_hop()
    {
        await using var host = await StartAsync(("ForwardedHeaders:KnownNetworks", "10.0.0.0/8"));

        (await SignUpAsync(host, "10.1.2.3", "203.0.113.1")).ShouldBe(201);
        // The client itself claims to be 203.0.113.1 in front of its real address: the proxy's entry (the last one) names
        // the untrusted client 198.51.100.7, where trust ends, whatever it wrote before.
        (await SignUpAsync(host, "10.1.2.4", "203.0.113.1, 198.51.100.7")).ShouldBe(201);
        (await SignUpAsync(host, "10.9.9.9", "198.51.100.7")).ShouldBe(429);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies", "10.0.0.300")]
    [InlineData("ForwardedHeaders:KnownNetworks", "10.0.0.0/33")]
    [InlineData("ForwardedHeaders:KnownNetworks", "proxy.example.com")]
    public async Task A_bad_proxy_setting_stops_the_start_naming_it(string key, string value)
    {
        var refused = await Should.ThrowAsync<OptionsValidationException>(() => StartAsync((key, value)));
        refused.Message.ShouldContain(key);
        refused.Message.ShouldContain(value);
    }
}

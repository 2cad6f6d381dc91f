using System.Net;
using System.Text.RegularExpressions;
using Host.Tests.Support;

namespace Host.Tests.Telemetry;

/// <summary><c>/metrics</c>: Prometheus text with KS Query's own series, answered to loopback clients only (and the
/// networks of <c>Metrics:AllowedNetworks</c>), absent when <c>Metrics:Enabled</c> is false.</summary>
[Collection(MetricsCollection.Name)]
public sealed partial class MetricsEndpointTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Metrics_count_every_keyed_call_by_chain_api_and_status()
    {
        await using var host = await TestHost.StartAsync(_data.Path);
        var api = new ApiClient(host);
        var token = await api.SignUpAndLogInAsync("metrics@example.com");
        await api.SelectAsync(token);
        var (_, key) = await api.CreateKeyAsync(token, "metered");

        for (var i = 0; i < 3; i++)
            (await api.GetAsync("/v1/kalp/testnet/network", apiKey: key)).Status.ShouldBe(HttpStatusCode.OK);
        for (var i = 0; i < 2; i++)
            (await api.GetAsync("/v1/kalp/testnet/network", apiKey: key[..^1] + (key[^1] == 'a' ? 'b' : 'a'))).Status.ShouldBe(HttpStatusCode.Unauthorized);

        var text = await ScrapeAsync(host, IPAddress.Loopback);

        Sample(text, "ksquery_keyed_calls_total", "api=\"network-info\"", "chain=\"kalp\"", "network=\"testnet\"", "status=\"200\"").ShouldBe(3);
        Sample(text, "ksquery_keyed_calls_total", "api=\"network-info\"", "chain=\"kalp\"", "status=\"401\"").ShouldBe(2);
        Sample(text, "ksquery_key_verifications_total", "result=\"ok\"").ShouldBe(3);
        Sample(text, "ksquery_key_cache_lookups_total", "result=\"hit\"").ShouldBeGreaterThanOrEqualTo(2);
        Sample(text, "ksquery_plugin_call_duration_seconds_count", "api=\"network-info\"", "chain=\"kalp\"").ShouldBe(3);
        Sample(text, "ksquery_argon2_duration_seconds_count").ShouldBeGreaterThan(0);
        text.ShouldContain("http_server_request_duration_seconds_bucket");
    }

    [Fact]
    public async Task Metrics_are_refused_to_a_client_off_loopback()
    {
        await using var host = await TestHost.StartAsync(_data.Path);

        await host.Scenario(s =>
        {
            s.Get.Url("/metrics");
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7"));
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
        await host.Scenario(s =>
        {
            s.Get.Url("/metrics");
            s.StatusCodeShouldBe(HttpStatusCode.NotFound); // no address at all (in-process, Unix socket): not known to be local
        });
        (await ScrapeAsync(host, IPAddress.IPv6Loopback)).ShouldContain("# TYPE");
    }

    public static TheoryData<string, string, string?> AllowedNetworkForms => new()
    {
        { "one comma-separated value", "192.0.2.0/24, 10.1.0.0/16", null },
        { "indexed entries, as a JSON array in appsettings.json", "192.0.2.0/24", "10.1.0.0/16" },
    };

    [Theory]
    [MemberData(nameof(AllowedNetworkForms))]
    public async Task Metrics_are_answered_to_an_allowed_network(string form, string first, string? second)
    {
        await using var host = await TestHost.StartAsync(_data.Path, second is null
            ? new Dictionary<string, string?> { ["Metrics:AllowedNetworks"] = first }
            : new Dictionary<string, string?> { ["Metrics:AllowedNetworks:0"] = first, ["Metrics:AllowedNetworks:1"] = second });
        form.ShouldNotBeEmpty();

        (await ScrapeAsync(host, IPAddress.Parse("10.1.2.3"))).ShouldContain("# TYPE");
        await host.Scenario(s =>
        {
            s.Get.Url("/metrics");
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = IPAddress.Parse("10.2.0.1"));
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
    }

    [Fact]
    public async Task Metrics_are_absent_when_disabled()
    {
        await using var host = await TestHost.StartAsync(_data.Path, new Dictionary<string, string?> { ["Metrics:Enabled"] = "false" });

        await host.Scenario(s =>
        {
            s.Get.Url("/metrics");
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = IPAddress.Loopback);
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
    }

    [Fact]
    public async Task With_a_metrics_port_metrics_are_served_there_only_and_nothing_else_is()
    {
        await using var host = await TestHost.StartAsync(_data.Path, new Dictionary<string, string?> { ["Metrics:Port"] = "9464" });

        await host.Scenario(s =>
        {
            s.Get.Url("/metrics");
            s.ConfigureHttpContext(c => { c.Connection.RemoteIpAddress = IPAddress.Loopback; c.Connection.LocalPort = 5000; });
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
        await host.Scenario(s =>
        {
            s.Get.Url("/v1/chains");
            s.ConfigureHttpContext(c => { c.Connection.RemoteIpAddress = IPAddress.Loopback; c.Connection.LocalPort = 9464; });
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
        var scraped = await host.Scenario(s =>
        {
            s.Get.Url("/metrics");
            s.ConfigureHttpContext(c => { c.Connection.RemoteIpAddress = IPAddress.Loopback; c.Connection.LocalPort = 9464; });
            s.StatusCodeShouldBeOk();
        });
        (await scraped.ReadAsTextAsync()).ShouldContain("# TYPE");
    }

    [Theory]
    [InlineData("Metrics:Port", "0")]
    [InlineData("Metrics:Port", "70000")]
    [InlineData("Metrics:AllowedNetworks", "10.0.0.0/99")]
    public async Task A_bad_metrics_setting_stops_the_start_naming_it(string setting, string value)
    {
        var failure = await Should.ThrowAsync<Exception>(() => TestHost.StartAsync(_data.Path, new Dictionary<string, string?> { [setting] = value }));

        failure.ToString().ShouldContain(setting);
    }

    internal static async Task<string> ScrapeAsync(IAlbaHost host, IPAddress client)
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url("/metrics");
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = client);
            s.StatusCodeShouldBeOk();
        });
        result.Context.Response.ContentType.ShouldNotBeNull().ShouldStartWith("text/plain");
        return await result.ReadAsTextAsync();
    }

    /// <summary>The value of the one sample of <paramref name="name"/> whose labels include every one given; 0 when there
    /// is none.</summary>
    internal static double Sample(string text, string name, params string[] labels)
    {
        var values = text.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => labels.All(l => line.Contains(l, StringComparison.Ordinal)))
            .Select(line => double.Parse(SampleValue().Match(line).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        values.Count.ShouldBeLessThanOrEqualTo(1, $"{name} {string.Join(",", labels)} matches several samples:\n{text}");
        return values.SingleOrDefault();
    }

    [GeneratedRegex(@"\}?\s(\S+)(\s\d+)?$")]
    private static partial Regex SampleValue();
}

/// <summary>OpenTelemetry subscribes to meters by name, process-wide: a host's <c>/metrics</c> would also count what another
/// host of the same test process records at the same time. Tests that compare counts run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics";
}

using System.Net;
using System.Text.Json;
using Host.Tests.Support;
using KsQuery.Modules.Usage.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Tracking;

namespace Host.Tests.Usage;

/// <summary>Issue #5's acceptance: a known number of keyed calls of mixed outcomes, fired concurrently, add up exactly in the
/// summary, the per-key usage and the timeseries, before and after a graceful restart.</summary>
public sealed class ExactCountingTests : IDisposable
{
    private const string Email = "counting@example.com";
    private readonly TempDirectory _data = new();
    private readonly ManualClock _clock = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Concurrent_calls_of_mixed_outcomes_add_up_exactly_and_survive_a_graceful_restart()
    {
        Dictionary<string, string> keyIds;
        await using (var host = await UsageTestHost.StartAsync(_data.Path, _clock, withSampleChain: true))
        {
            var api = new ApiClient(host);
            var token = await api.SignUpAndLogInAsync(Email);
            await api.SelectAsync(token);
            var good = await api.CreateKeyWithAsync(token, "good");
            var rate = await api.CreateKeyWithAsync(token, "rate", rateLimitPerSecond: 3);
            var quota = await api.CreateKeyWithAsync(token, "quota", monthlyQuota: 4);
            var revoked = await api.CreateKeyWithAsync(token, "revoked");
            var sample = await api.CreateKeyWithAsync(token, "sample", chain: "sample", network: "devnet");
            (await api.PostAsync($"/v1/keys/{revoked.Id}/revoke", null, token)).Status.ShouldBe(HttpStatusCode.OK);
            keyIds = new() { ["good"] = good.Id, ["rate"] = rate.Id, ["quota"] = quota.Id, ["revoked"] = revoked.Id, ["sample"] = sample.Id };

            var calls = new List<(string Path, string? Key)>();
            calls.AddRange(Repeat(12, "/v1/kalp/testnet/network", good.Key));              // 200
            calls.AddRange(Repeat(6, "/v1/kalp/testnet/blocks/999999", good.Key));         // 404 block_not_found
            calls.AddRange(Repeat(4, "/v1/kalp/testnet/blocks/abc", good.Key));            // 400 validation_failed
            calls.AddRange(Repeat(2, "/v1/kalp/testnet/network", UsageTestHost.WithWrongSecret(good.Key))); // 401 key_invalid (identified)
            calls.AddRange(Repeat(10, "/v1/kalp/testnet/network", rate.Key));              // 3 x 200, 7 x 429 rate_limited
            calls.AddRange(Repeat(9, "/v1/kalp/testnet/network", quota.Key));              // 4 x 200, 5 x 429 quota_exceeded
            calls.AddRange(Repeat(5, "/v1/kalp/testnet/network", revoked.Key));            // 401 key_revoked
            calls.AddRange(Repeat(3, "/v1/kalp/testnet/network", sample.Key));            // 403 key_scope_mismatch
            const int counted = 12 + 6 + 4 + 2 + 10 + 9 + 5 + 3;
            calls.AddRange(Repeat(4, "/v1/kalp/testnet/network", UsageTestHost.UnknownKey())); // 401, no account: not counted
            calls.AddRange(Repeat(3, "/v1/kalp/testnet/network", null));                   // 401 key_missing, not counted
            var unidentified = host.Services.GetRequiredService<UnidentifiedRejections>();
            var unidentifiedBefore = unidentified.Total;

            var answers = new List<KeyedAnswer>();
            await host.ExecuteAndWaitAsync(async () =>
                answers.AddRange(await Task.WhenAll(calls.Select(c => host.CallAsync(c.Path, c.Key)))));

            answers.Count(a => a.Status == 200).ShouldBe(12 + 3 + 4);
            answers.Count(a => a.Status == 429 && a.Code == "rate_limited").ShouldBe(7);
            answers.Count(a => a.Status == 429 && a.Code == "quota_exceeded").ShouldBe(5);
            answers.Count(a => a.Status == 403).ShouldBe(3);
            answers.Count(a => a.Status == 401).ShouldBe(2 + 5 + 4 + 3);
            unidentified.Total.ShouldBe(unidentifiedBefore + 7);

            await AssertTotalsAsync(api, token, keyIds, counted);
        }

        // Graceful stop wrote everything; a new host on the same data directory reads the same numbers.
        await using (var again = await UsageTestHost.StartAsync(_data.Path, _clock, withSampleChain: true))
        {
            var api = new ApiClient(again);
            var (status, login, _) = await api.PostAsync("/v1/auth/login", new { email = Email, password = "correct horse battery" });
            status.ShouldBe(HttpStatusCode.OK);
            var token = login.GetProperty("accessToken").GetString()!;
            await AssertTotalsAsync(api, token, keyIds, 51);
        }
    }

    private async Task AssertTotalsAsync(ApiClient api, string token, Dictionary<string, string> keyIds, long expected)
    {
        var (status, summary, _) = await api.GetAsync("/v1/usage/summary", token);
        status.ShouldBe(HttpStatusCode.OK, summary.ToString());
        summary.GetProperty("requests").GetInt64().ShouldBe(expected);
        summary.GetProperty("errors").GetInt64().ShouldBe(expected - 19);
        summary.GetProperty("rejections").GetInt64().ShouldBe(2 + 7 + 5 + 5 + 3);
        Sum(summary.GetProperty("byKey"), "requests").ShouldBe(expected);
        Sum(summary.GetProperty("byApi"), "requests").ShouldBe(expected);
        var byStatus = summary.GetProperty("byStatus").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        byStatus.Values.Sum().ShouldBe(expected);
        byStatus["200"].ShouldBe(19);
        byStatus["404"].ShouldBe(6);
        byStatus["400"].ShouldBe(4);
        byStatus["401"].ShouldBe(7);
        byStatus["403"].ShouldBe(3);
        byStatus["429"].ShouldBe(12);

        long perKey = 0;
        foreach (var (name, id) in keyIds)
        {
            var (keyStatus, usage, _) = await api.GetAsync($"/v1/keys/{id}/usage", token);
            keyStatus.ShouldBe(HttpStatusCode.OK, usage.ToString());
            perKey += usage.GetProperty("requests").GetInt64();
            if (name == "rate")
                usage.GetProperty("byStatus").GetProperty("429").GetInt64().ShouldBe(7);
            if (name == "quota")
            {
                usage.GetProperty("quota").GetProperty("limit").GetInt64().ShouldBe(4);
                usage.GetProperty("quota").GetProperty("used").GetInt64().ShouldBe(4);
                usage.GetProperty("quota").GetProperty("remaining").GetInt64().ShouldBe(0);
            }
            if (name == "good")
                usage.GetProperty("requests").GetInt64().ShouldBe(12 + 6 + 4 + 2);
        }
        perKey.ShouldBe(expected);

        var now = _clock.GetUtcNow();
        foreach (var interval in new[] { "minute", "hour", "day" })
        {
            var from = Iso(now.AddHours(-2));
            var to = Iso(now.AddHours(1));
            var (seriesStatus, series, _) = await api.GetAsync($"/v1/usage/timeseries?interval={interval}&from={from}&to={to}", token);
            seriesStatus.ShouldBe(HttpStatusCode.OK, series.ToString());
            Sum(series, "requests").ShouldBe(expected, interval);
            Sum(series, "errors").ShouldBe(expected - 19, interval);
            series.EnumerateArray().Where(p => p.GetProperty("requests").GetInt64() > 0)
                .ShouldAllBe(p => p.GetProperty("p50Ms").ValueKind == JsonValueKind.Number && p.GetProperty("p95Ms").GetDouble() >= p.GetProperty("p50Ms").GetDouble());
        }
        var (oneKeyStatus, oneKey, _) = await api.GetAsync($"/v1/usage/timeseries?interval=minute&keyId={keyIds["rate"]}&from={Iso(now.AddMinutes(-5))}&to={Iso(now.AddMinutes(5))}", token);
        oneKeyStatus.ShouldBe(HttpStatusCode.OK, oneKey.ToString());
        Sum(oneKey, "requests").ShouldBe(10);
    }

    private static IEnumerable<(string, string?)> Repeat(int count, string path, string? key) => Enumerable.Repeat((path, key), count);

    private static long Sum(JsonElement array, string property) => array.EnumerateArray().Sum(e => e.GetProperty(property).GetInt64());

    internal static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

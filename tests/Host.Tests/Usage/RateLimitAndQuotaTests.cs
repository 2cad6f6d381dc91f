using System.Net;
using Host.Tests.Support;
using Wolverine.Tracking;

namespace Host.Tests.Usage;

/// <summary>Per-key rate limits and monthly quotas: exhaustion, reset (on a hand-moved clock), and the headers of docs/api.md.</summary>
public sealed class RateLimitAndQuotaTests : IDisposable
{
    private const string Network = "/v1/kalp/testnet/network";
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Calls_over_the_per_second_limit_get_429_rate_limited_with_headers_and_pass_again_in_the_next_second()
    {
        var clock = new ManualClock();
        await using var host = await UsageTestHost.StartAsync(_data.Path, clock);
        var api = new ApiClient(host);
        var token = await api.SignUpAndLogInAsync("rate@example.com");
        await api.SelectAsync(token);
        var (keyId, key) = await api.CreateKeyWithAsync(token, "limited", rateLimitPerSecond: 2);

        KeyedAnswer first = null!, second = null!, third = null!, afterReset = null!, notFound = null!;
        await host.ExecuteAndWaitAsync(async () =>
        {
            first = await host.CallAsync(Network, key);
            second = await host.CallAsync(Network, key);
            third = await host.CallAsync(Network, key);
            clock.Advance(TimeSpan.FromSeconds(1));
            afterReset = await host.CallAsync(Network, key);
            notFound = await host.CallAsync("/v1/kalp/testnet/blocks/999999", key);
        });

        first.Status.ShouldBe(200);
        first.Header("RateLimit-Limit").ShouldBe("2");
        first.Header("RateLimit-Remaining").ShouldBe("1");
        first.Header("RateLimit-Reset").ShouldBe("1");
        first.Header("RateLimit-Policy").ShouldBe("2;w=1");
        first.Header("Retry-After").ShouldBeEmpty();
        second.Status.ShouldBe(200);
        second.Header("RateLimit-Remaining").ShouldBe("0");

        third.Status.ShouldBe(429);
        third.Code.ShouldBe("rate_limited");
        third.Header("Retry-After").ShouldBe("1");
        third.Header("RateLimit-Limit").ShouldBe("2");
        third.Header("RateLimit-Remaining").ShouldBe("0");
        third.Header("RateLimit-Reset").ShouldBe("1");

        afterReset.Status.ShouldBe(200);
        afterReset.Header("RateLimit-Remaining").ShouldBe("1");
        notFound.Status.ShouldBe(404);
        notFound.Header("RateLimit-Remaining").ShouldBe("0");
        notFound.Header("RateLimit-Limit").ShouldBe("2");

        var (_, usage, _) = await api.GetAsync($"/v1/keys/{keyId}/usage", token);
        usage.GetProperty("requests").GetInt64().ShouldBe(5);
        usage.GetProperty("rejections").GetInt64().ShouldBe(1);
        usage.GetProperty("quota").GetProperty("used").GetInt64().ShouldBe(4, "a refused call does not count against the quota");
        usage.GetProperty("quota").GetProperty("limit").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task A_used_up_monthly_quota_gets_429_quota_exceeded_until_the_next_utc_month_also_after_a_restart()
    {
        var clock = new ManualClock(new DateTimeOffset(2031, 1, 31, 23, 50, 0, TimeSpan.Zero));
        string keyId, key, token;
        await using (var host = await UsageTestHost.StartAsync(_data.Path, clock))
        {
            var api = new ApiClient(host);
            token = await api.SignUpAndLogInAsync("quota@example.com");
            await api.SelectAsync(token);
            (keyId, key) = await api.CreateKeyWithAsync(token, "metered", monthlyQuota: 3);

            var answers = new List<KeyedAnswer>();
            await host.ExecuteAndWaitAsync(async () =>
            {
                for (var i = 0; i < 3; i++)
                    answers.Add(await host.CallAsync(Network, key));
            });
            answers.ShouldAllBe(a => a.Status == 200);
            // The quota is nearer to exhaustion than the per-second limit, so the headers describe it.
            answers[0].Header("RateLimit-Limit").ShouldBe("3");
            answers[0].Header("RateLimit-Remaining").ShouldBe("2");
            answers[0].Header("RateLimit-Reset").ShouldBe("600");
            answers[0].Header("RateLimit-Policy").ShouldBe("100;w=1, 3;w=2678400");
            answers[2].Header("RateLimit-Remaining").ShouldBe("0");

            var (_, usage, _) = await api.GetAsync($"/v1/keys/{keyId}/usage", token);
            var quota = usage.GetProperty("quota");
            quota.GetProperty("used").GetInt64().ShouldBe(3);
            quota.GetProperty("remaining").GetInt64().ShouldBe(0);
            quota.GetProperty("resetsAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2031, 2, 1, 0, 0, 0, TimeSpan.Zero));
        }

        clock.Advance(TimeSpan.FromMinutes(5));
        await using (var host = await UsageTestHost.StartAsync(_data.Path, clock))
        {
            var api = new ApiClient(host);
            KeyedAnswer refused = null!, stillRefused = null!, nextMonth = null!;
            await host.ExecuteAndWaitAsync(async () =>
            {
                refused = await host.CallAsync(Network, key);
                stillRefused = await host.CallAsync(Network, key);
            });
            refused.Status.ShouldBe(429);
            refused.Code.ShouldBe("quota_exceeded");
            refused.Header("Retry-After").ShouldBe("300");
            refused.Header("RateLimit-Limit").ShouldBe("3");
            refused.Header("RateLimit-Remaining").ShouldBe("0");
            refused.Header("RateLimit-Reset").ShouldBe("300");
            stillRefused.Code.ShouldBe("quota_exceeded");

            clock.Set(new DateTimeOffset(2031, 2, 1, 0, 0, 1, TimeSpan.Zero));
            await host.ExecuteAndWaitAsync(async () => nextMonth = await host.CallAsync(Network, key));
            nextMonth.Status.ShouldBe(200);
            nextMonth.Header("RateLimit-Remaining").ShouldBe("2");

            var (status, login, _) = await api.PostAsync("/v1/auth/login", new { email = "quota@example.com", password = "correct horse battery" });
            status.ShouldBe(HttpStatusCode.OK);
            token = login.GetProperty("accessToken").GetString()!;
            var (_, usage, _) = await api.GetAsync($"/v1/keys/{keyId}/usage", token);
            usage.GetProperty("requests").GetInt64().ShouldBe(6);
            usage.GetProperty("byStatus").GetProperty("429").GetInt64().ShouldBe(2);
            var quota = usage.GetProperty("quota");
            quota.GetProperty("used").GetInt64().ShouldBe(1);
            quota.GetProperty("remaining").GetInt64().ShouldBe(2);
            quota.GetProperty("resetsAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2031, 3, 1, 0, 0, 0, TimeSpan.Zero));
        }
    }
}

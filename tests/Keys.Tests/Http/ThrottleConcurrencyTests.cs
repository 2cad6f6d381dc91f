using System.Net;
using Keys.Tests.Support;
using static Keys.Tests.Support.KeysTestHost;

namespace Keys.Tests.Http;

/// <summary>Throttles hold under concurrency (issue 12, item 3): an attempt is reserved before the slow hash, so however
/// many wrong passwords arrive at once, at most the configured number per window are checked against the hash.</summary>
public sealed class ThrottleConcurrencyTests : IAsyncLifetime
{
    private const int Attempts = 200;
    private const int PerAccount = 5;
    private const string Email = "victim@example.com";
    private const string Password = "correct horse battery";

    private readonly CountingHasher _hasher = new();
    private KeysTestHost _host = null!;

    public async Task InitializeAsync() => _host = await StartAsync(new Dictionary<string, string?>
    {
        ["Keys:Throttling:LoginFailuresPerAccount"] = PerAccount.ToString(),
        ["Keys:Throttling:LoginFailuresPerAddress"] = "0",
        ["Keys:Throttling:LoginWindow"] = "00:15:00",
    }, WithHasher(_hasher));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Parallel_wrong_logins_reach_the_hash_at_most_the_configured_number_of_times()
    {
        (await _host.SendAsync(HttpMethod.Post, "/v1/accounts", new { email = Email, password = Password })).EnsureSuccessStatusCode();

        var answers = await FloodAsync(() => _host.SendAsync(HttpMethod.Post, "/v1/auth/login", new { email = Email, password = "wrong password!" }));

        _hasher.Verifications.ShouldBeLessThanOrEqualTo(PerAccount);
        answers.Count(a => a.Status == HttpStatusCode.TooManyRequests && a.Code == "too_many_attempts").ShouldBeGreaterThanOrEqualTo(Attempts - PerAccount);
        answers.Count(a => a.Status == HttpStatusCode.Unauthorized).ShouldBe(_hasher.Verifications);

        var early = await _host.SendAsync(HttpMethod.Post, "/v1/auth/login", new { email = Email, password = Password });
        await ShouldBeProblemAsync(early, 429, "too_many_attempts");
        _host.Time.Advance(TimeSpan.FromMinutes(15));
        var login = await _host.SendAsync(HttpMethod.Post, "/v1/auth/login", new { email = Email, password = Password });
        ((int)login.StatusCode).ShouldBe(200, await login.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Parallel_wrong_reveal_passwords_reach_the_hash_at_most_the_configured_number_of_times()
    {
        var token = await _host.SignUpAndLoginAsync(Email, Password);
        var created = await _host.SendAsync(HttpMethod.Post, "/v1/keys",
            new { name = "recoverable", chain = "kalp", network = "testnet", recoverable = true }, token);
        ((int)created.StatusCode).ShouldBe(201, await created.Content.ReadAsStringAsync());
        var key = await ReadAsync(created);
        var id = key["id"]!.GetValue<string>();
        var before = _hasher.Verifications;

        var answers = await FloodAsync(() => _host.SendAsync(HttpMethod.Post, $"/v1/keys/{id}/reveal", new { password = "wrong password!" }, token));

        (_hasher.Verifications - before).ShouldBeLessThanOrEqualTo(PerAccount);
        answers.Count(a => a.Status == HttpStatusCode.TooManyRequests && a.Code == "too_many_attempts").ShouldBeGreaterThanOrEqualTo(Attempts - PerAccount);
        answers.Count(a => a.Status == HttpStatusCode.Unauthorized).ShouldBe(_hasher.Verifications - before);

        _host.Time.Advance(TimeSpan.FromMinutes(15));
        var revealed = await _host.SendAsync(HttpMethod.Post, $"/v1/keys/{id}/reveal", new { password = Password }, token);
        ((int)revealed.StatusCode).ShouldBe(200, await revealed.Content.ReadAsStringAsync());
        (await ReadAsync(revealed))["key"]!.GetValue<string>().ShouldBe(key["key"]!.GetValue<string>());
    }

    /// <summary>Sends <see cref="Attempts"/> requests at once while every hash verification is held: the held ones are
    /// released only when each request has either reached the hash or been answered, so every request has passed the
    /// throttle's check before any attempt could have been recorded as failed.</summary>
    private async Task<(HttpStatusCode Status, string? Code)[]> FloodAsync(Func<Task<HttpResponseMessage>> send)
    {
        var settled = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Settle()
        {
            if (Interlocked.Increment(ref settled) == Attempts)
                release.TrySetResult();
        }
        _hasher.BeforeVerify = () =>
        {
            Settle();
            return release.Task;
        };
        try
        {
            return await Task.WhenAll(Enumerable.Range(0, Attempts).Select(async _ =>
            {
                var response = await send();
                Settle();
                var text = await response.Content.ReadAsStringAsync();
                var code = text.Length > 0 ? System.Text.Json.Nodes.JsonNode.Parse(text)?["code"]?.GetValue<string>() : null;
                return (response.StatusCode, code);
            }));
        }
        finally
        {
            _hasher.BeforeVerify = null;
        }
    }
}

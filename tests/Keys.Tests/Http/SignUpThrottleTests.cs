using System.Net;
using Keys.Tests.Support;
using static Keys.Tests.Support.KeysTestHost;

namespace Keys.Tests.Http;

/// <summary>Sign-ups per client address are throttled (issue 12, item 5), and like every throttle the attempt is counted
/// before its password is hashed, so parallel sign-ups cannot walk through it.</summary>
public sealed class SignUpThrottleTests : IAsyncLifetime
{
    private const int PerAddress = 3;
    private readonly CountingHasher _hasher = new();
    private KeysTestHost _host = null!;

    public async Task InitializeAsync() => _host = await StartAsync(new Dictionary<string, string?>
    {
        ["Keys:Throttling:SignUpsPerAddress"] = PerAddress.ToString(),
        ["Keys:Throttling:SignUpWindow"] = "01:00:00",
    }, WithHasher(_hasher));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<HttpResponseMessage> SignUpAsync(string email) =>
        _host.SendAsync(HttpMethod.Post, "/v1/accounts", new { email, password = "correct horse battery" });

    [Fact]
    public async Task Parallel_sign_ups_from_one_address_hash_at_most_the_limit_and_the_rest_get_429()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => SignUpAsync($"user{i}@example.com")));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(PerAddress);
        _hasher.Hashes.ShouldBe(PerAddress);
        var refused = answers.Where(a => a.StatusCode != HttpStatusCode.Created).ToList();
        refused.Count.ShouldBe(50 - PerAddress);
        foreach (var answer in refused.Take(3))
        {
            await ShouldBeProblemAsync(answer, 429, "too_many_attempts");
            answer.Headers.RetryAfter.ShouldNotBeNull();
        }

        _host.Time.Advance(TimeSpan.FromHours(1));
        ((int)(await SignUpAsync("later@example.com")).StatusCode).ShouldBe(201);
    }

    [Fact]
    public async Task Invalid_sign_ups_are_answered_400_without_using_up_the_address()
    {
        for (var i = 0; i < 10; i++)
            await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Post, "/v1/accounts", new { email = "nope", password = "short" }), 400, "validation_failed");

        ((int)(await SignUpAsync("valid@example.com")).StatusCode).ShouldBe(201);
    }
}

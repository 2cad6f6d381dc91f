using System.Text.Json.Nodes;
using Keys.Tests.Support;
using static Keys.Tests.Support.KeysTestHost;

namespace Keys.Tests.Http;

/// <summary><c>Keys:MaxKeysPerAccount</c> (issue 12, item 5): an account holds at most that many keys that are not
/// revoked, so no account can make the key store (and each key's first verification) a lever of its own.</summary>
public sealed class KeyLimitTests : IAsyncLifetime
{
    private const int Limit = 3;
    private KeysTestHost _host = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _host = await StartAsync(new Dictionary<string, string?> { ["Keys:MaxKeysPerAccount"] = Limit.ToString() });
        _token = await _host.SignUpAndLoginAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<HttpResponseMessage> CreateAsync(string name, string? token = null) =>
        _host.SendAsync(HttpMethod.Post, "/v1/keys", new { name, chain = "kalp", network = "testnet" }, token ?? _token);

    private async Task<JsonNode> CreatedAsync(string name)
    {
        var response = await CreateAsync(name);
        ((int)response.StatusCode).ShouldBe(201, await response.Content.ReadAsStringAsync());
        return await ReadAsync(response);
    }

    [Fact]
    public async Task Creating_beyond_the_limit_is_409_key_limit_reached_and_a_revoked_key_frees_its_slot()
    {
        var keys = new List<JsonNode>();
        for (var i = 0; i < Limit; i++)
            keys.Add(await CreatedAsync($"key-{i}"));

        await ShouldBeProblemAsync(await CreateAsync("one-too-many"), 409, "key_limit_reached");
        var other = await _host.SignUpAndLoginAsync("other@example.com");
        ((int)(await CreateAsync("theirs", other)).StatusCode).ShouldBe(201, "the limit is per account");

        ((int)(await _host.SendAsync(HttpMethod.Post, $"/v1/keys/{keys[0]["id"]}/revoke", token: _token)).StatusCode).ShouldBe(200);
        await CreatedAsync("in-the-freed-slot");
        await ShouldBeProblemAsync(await CreateAsync("again-too-many"), 409, "key_limit_reached");
    }

    [Fact]
    public async Task At_the_limit_a_roll_with_a_grace_period_is_refused_and_one_without_is_not()
    {
        var keys = new List<JsonNode>();
        for (var i = 0; i < Limit; i++)
            keys.Add(await CreatedAsync($"key-{i}"));

        var withGrace = await _host.SendAsync(HttpMethod.Post, $"/v1/keys/{keys[0]["id"]}/roll", new { gracePeriodSeconds = 60 }, _token);
        await ShouldBeProblemAsync(withGrace, 409, "key_limit_reached");

        var withoutGrace = await _host.SendAsync(HttpMethod.Post, $"/v1/keys/{keys[0]["id"]}/roll", new { gracePeriodSeconds = 0 }, _token);
        ((int)withoutGrace.StatusCode).ShouldBe(201, await withoutGrace.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Parallel_creations_never_exceed_the_limit()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => CreateAsync($"parallel-{i}")));

        answers.Count(a => (int)a.StatusCode == 201).ShouldBe(Limit);
        answers.Count(a => (int)a.StatusCode == 409).ShouldBe(20 - Limit);
        var listed = await ReadAsync(await _host.SendAsync(HttpMethod.Get, "/v1/keys?status=all", token: _token));
        listed["total"]!.GetValue<int>().ShouldBe(Limit);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Host.Tests.Security.Support;
using Host.Tests.Support;

namespace Host.Tests.Security.Concurrency;

/// <summary>One host for the class; each test works on an account of its own.</summary>
public sealed class ConcurrencyFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();

    public SecurityHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await SecurityHost.StartAsync(_data.Path, new Dictionary<string, string?>(SecurityFixture.Settings));

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
    }
}

/// <summary>Create, roll, revoke and rename of one key, many times at once: the store ends in one consistent state and
/// every answer agrees with it.</summary>
public sealed class KeyConcurrencyTests(ConcurrencyFixture fixture) : IClassFixture<ConcurrencyFixture>
{
    private SecurityHost Host => fixture.Host;

    [Fact]
    public async Task Fifty_parallel_revokes_of_one_key_all_answer_the_one_revocation_that_is_stored()
    {
        var owner = await Host.SignUpAsync("revoke-race@example.com");
        var key = await Host.CreateKeyAsync(owner, "raced");
        (await Host.SendAsync(HttpMethod.Get, "/v1/kalp/testnet/network", apiKey: key.Plaintext)).Status.ShouldBe(HttpStatusCode.OK);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => SendAsync(HttpMethod.Post, $"/v1/keys/{key.Id}/revoke", owner.Token)));

        answers.ShouldAllBe(a => a.Status == HttpStatusCode.OK);
        answers.ShouldAllBe(a => a.Body.GetProperty("status").GetString() == "revoked");
        var moments = answers.Select(a => a.Body.GetProperty("revokedAt").GetString()).Distinct().ToList();
        moments.Count.ShouldBe(1, "every answer must report the one revocation: " + string.Join(", ", moments));
        var (_, stored) = await Host.SendAsync(HttpMethod.Get, $"/v1/keys/{key.Id}", owner.Token);
        stored.GetProperty("status").GetString().ShouldBe("revoked");
        stored.GetProperty("revokedAt").GetString().ShouldBe(moments[0]);
        var (_, list) = await Host.SendAsync(HttpMethod.Get, "/v1/keys?status=all", owner.Token);
        list.GetProperty("total").GetInt32().ShouldBe(1);
        var (callStatus, call) = await Host.SendAsync(HttpMethod.Get, "/v1/kalp/testnet/network", apiKey: key.Plaintext);
        callStatus.ShouldBe(HttpStatusCode.Unauthorized);
        call.Code().ShouldBe("key_revoked");
    }

    [Fact]
    public async Task Twenty_parallel_rolls_of_one_key_issue_one_successor_and_409_key_not_active_for_the_rest()
    {
        var owner = await Host.SignUpAsync("roll-race@example.com");
        var key = await Host.CreateKeyAsync(owner, "rolled");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            SendAsync(HttpMethod.Post, $"/v1/keys/{key.Id}/roll", owner.Token, new { gracePeriodSeconds = 3600 })));

        var created = answers.Where(a => a.Status == HttpStatusCode.Created).ToList();
        created.Count.ShouldBe(1);
        answers.Where(a => a.Status != HttpStatusCode.Created)
            .ShouldAllBe(a => a.Status == HttpStatusCode.Conflict && a.Body.GetProperty("code").GetString() == "key_not_active");
        var successor = created[0].Body;
        var successorId = successor.GetProperty("id").GetString()!;

        var (_, list) = await Host.SendAsync(HttpMethod.Get, "/v1/keys?status=all", owner.Token);
        list.GetProperty("items").EnumerateArray().Select(k => k.GetProperty("id").GetString()).ShouldBe([key.Id, successorId], ignoreOrder: true);
        var (_, old) = await Host.SendAsync(HttpMethod.Get, $"/v1/keys/{key.Id}", owner.Token);
        old.GetProperty("replacedBy").GetString().ShouldBe(successorId);
        // Both work during the grace period.
        (await Host.SendAsync(HttpMethod.Get, "/v1/kalp/testnet/network", apiKey: key.Plaintext)).Status.ShouldBe(HttpStatusCode.OK);
        (await Host.SendAsync(HttpMethod.Get, "/v1/kalp/testnet/network", apiKey: successor.GetProperty("key").GetString())).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Fifty_parallel_creates_with_one_name_give_one_201_and_409_key_name_taken_for_the_rest()
    {
        var owner = await Host.SignUpAsync("create-race@example.com");

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            SendAsync(HttpMethod.Post, "/v1/keys", owner.Token, new { name = i % 2 == 0 ? "twin" : "TWIN" })));

        answers.Count(a => a.Status == HttpStatusCode.Created).ShouldBe(1);
        answers.Where(a => a.Status != HttpStatusCode.Created)
            .ShouldAllBe(a => a.Status == HttpStatusCode.Conflict && a.Body.GetProperty("code").GetString() == "key_name_taken");
        var (_, list) = await Host.SendAsync(HttpMethod.Get, "/v1/keys?status=all", owner.Token);
        list.GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_revoke_racing_a_roll_leaves_the_old_key_revoked_and_its_successor_recorded()
    {
        var owner = await Host.SignUpAsync("revoke-roll-race@example.com");
        for (var round = 0; round < 10; round++)
        {
            var key = await Host.CreateKeyAsync(owner, $"contested-{round}");
            var roll = SendAsync(HttpMethod.Post, $"/v1/keys/{key.Id}/roll", owner.Token, new { gracePeriodSeconds = 3600 });
            var revoke = SendAsync(HttpMethod.Post, $"/v1/keys/{key.Id}/revoke", owner.Token);
            var (rolled, revoked) = (await roll, await revoke);

            revoked.Status.ShouldBe(HttpStatusCode.OK);
            var (_, old) = await Host.SendAsync(HttpMethod.Get, $"/v1/keys/{key.Id}", owner.Token);
            old.GetProperty("status").GetString().ShouldBe("revoked", $"round {round}");
            old.GetProperty("revokedAt").GetString().ShouldBe(revoked.Body.GetProperty("revokedAt").GetString(), $"round {round}");
            var (_, list) = await Host.SendAsync(HttpMethod.Get, "/v1/keys?status=all", owner.Token);
            var successors = list.GetProperty("items").EnumerateArray()
                .Where(k => k.GetProperty("name").GetString() == key.Name && k.GetProperty("id").GetString() != key.Id)
                .Select(k => k.GetProperty("id").GetString())
                .ToList();
            if (rolled.Status == HttpStatusCode.Created)
            {
                var successorId = rolled.Body.GetProperty("id").GetString();
                successors.ShouldBe([successorId], $"round {round}");
                old.GetProperty("replacedBy").GetString().ShouldBe(successorId, $"round {round}: the old key must say what replaced it");
            }
            else
            {
                rolled.Status.ShouldBe(HttpStatusCode.Conflict, $"round {round}");
                rolled.Body.GetProperty("code").GetString().ShouldBe("key_not_active");
                successors.ShouldBeEmpty($"round {round}");
            }
            (await Host.SendAsync(HttpMethod.Get, "/v1/kalp/testnet/network", apiKey: key.Plaintext)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task A_rename_racing_a_revoke_never_brings_the_key_back()
    {
        var owner = await Host.SignUpAsync("rename-revoke-race@example.com");
        for (var round = 0; round < 10; round++)
        {
            var key = await Host.CreateKeyAsync(owner, $"renamed-{round}");
            var renames = Enumerable.Range(0, 4).Select(i =>
                SendAsync(HttpMethod.Patch, $"/v1/keys/{key.Id}", owner.Token, new { description = $"edit {i}" })).ToList();
            var revoke = SendAsync(HttpMethod.Post, $"/v1/keys/{key.Id}/revoke", owner.Token);
            await Task.WhenAll(renames);
            var revoked = await revoke;

            revoked.Status.ShouldBe(HttpStatusCode.OK);
            var (_, stored) = await Host.SendAsync(HttpMethod.Get, $"/v1/keys/{key.Id}", owner.Token);
            stored.GetProperty("status").GetString().ShouldBe("revoked", $"round {round}: a rename undid the revocation");
            (await Host.SendAsync(HttpMethod.Get, "/v1/kalp/testnet/network", apiKey: key.Plaintext)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Parallel_renames_of_two_keys_to_one_name_leave_it_on_one_key()
    {
        var owner = await Host.SignUpAsync("rename-race@example.com");
        var first = await Host.CreateKeyAsync(owner, "first");
        var second = await Host.CreateKeyAsync(owner, "second");

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            SendAsync(HttpMethod.Patch, $"/v1/keys/{(i % 2 == 0 ? first.Id : second.Id)}", owner.Token, new { name = "shared" })));

        answers.ShouldAllBe(a => a.Status == HttpStatusCode.OK || (a.Status == HttpStatusCode.Conflict && a.Body.GetProperty("code").GetString() == "key_name_taken"));
        var winners = answers.Where(a => a.Status == HttpStatusCode.OK).Select(a => a.Body.GetProperty("id").GetString()).Distinct().ToList();
        winners.Count.ShouldBe(1);
        var (_, list) = await Host.SendAsync(HttpMethod.Get, "/v1/keys?status=all", owner.Token);
        list.GetProperty("items").EnumerateArray().Where(k => k.GetProperty("name").GetString() == "shared")
            .Select(k => k.GetProperty("id").GetString()).ShouldBe(winners);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string url, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Host.Http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}

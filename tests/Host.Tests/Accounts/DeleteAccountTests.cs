using System.Net;
using Host.Tests.Support;

namespace Host.Tests.Accounts;

/// <summary><c>DELETE /v1/me</c> with the password: every key of the account is refused at the next keyed call, every
/// session ends, the login is refused, and the email is free for a new account that sees nothing of the old one.</summary>
public sealed class DeleteAccountTests : IDisposable
{
    private const string Email = "leaving@example.com";
    private const string Password = "a long enough password";
    private const string KeyedCall = "/v1/kalp/testnet/network";
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private static async Task<(AccountSession Current, AccountSession Other, string Key, string RolledKey)> SetUpAsync(ApiClient api)
    {
        (await api.PostAsync("/v1/accounts", new { email = Email, password = Password })).Status.ShouldBe(HttpStatusCode.Created);
        var current = await AccountSession.LogInAsync(api, Email, Password, "current");
        var other = await AccountSession.LogInAsync(api, Email, Password, "other");
        await api.SelectAsync(current.Access);
        var (_, key) = await api.CreateKeyAsync(current.Access, "plain");
        var (rolledId, _) = await api.CreateKeyAsync(current.Access, "rolled");
        var (rollStatus, rolled, _) = await api.PostAsync($"/v1/keys/{rolledId}/roll", new { gracePeriodSeconds = 3600 }, current.Access);
        rollStatus.ShouldBe(HttpStatusCode.Created, rolled.ToString());
        // Both verified (and cached) before the deletion: the deletion must evict them, not wait for a cache miss.
        (await api.GetAsync(KeyedCall, apiKey: key)).Status.ShouldBe(HttpStatusCode.OK);
        (await api.GetAsync(KeyedCall, apiKey: rolled.GetProperty("key").GetString())).Status.ShouldBe(HttpStatusCode.OK);
        return (current, other, key, rolled.GetProperty("key").GetString()!);
    }

    [Fact]
    public async Task Deleting_refuses_every_key_at_once_ends_every_session_and_refuses_the_login()
    {
        await using var host = await TestHost.StartAsync(_data.Path);
        var api = new ApiClient(host);
        var (current, other, key, rolledKey) = await SetUpAsync(api);

        var (status, body, _) = await current.SendAsync(HttpMethod.Delete, "/v1/me", new { password = Password });

        status.ShouldBe(HttpStatusCode.NoContent, body.ToString());
        foreach (var refused in new[] { key, rolledKey })
        {
            var (callStatus, call, _) = await api.GetAsync(KeyedCall, apiKey: refused);
            callStatus.ShouldBe(HttpStatusCode.Unauthorized);
            call.Code().ShouldBe("key_revoked");
        }
        foreach (var session in new[] { current, other })
        {
            var (meStatus, me, _) = await session.MeAsync();
            meStatus.ShouldBe(HttpStatusCode.Unauthorized);
            me.Code().ShouldBe("unauthenticated");
            (await session.RefreshAsync()).Status.ShouldBe(HttpStatusCode.Unauthorized);
        }
        var (login, loginBody, _) = await api.PostAsync("/v1/auth/login", new { email = Email, password = Password });
        login.ShouldBe(HttpStatusCode.Unauthorized);
        loginBody.Code().ShouldBe("invalid_credentials");
    }

    [Fact]
    public async Task The_email_is_free_again_for_a_new_account_that_sees_nothing_of_the_old_one()
    {
        await using var host = await TestHost.StartAsync(_data.Path);
        var api = new ApiClient(host);
        var (current, _, _, _) = await SetUpAsync(api);
        var (_, oldMe, _) = await current.MeAsync();
        (await current.SendAsync(HttpMethod.Delete, "/v1/me", new { password = Password })).Status.ShouldBe(HttpStatusCode.NoContent);

        var (created, account, _) = await api.PostAsync("/v1/accounts", new { email = Email, password = "another long password" });

        created.ShouldBe(HttpStatusCode.Created, account.ToString());
        account.GetProperty("id").GetString().ShouldNotBe(oldMe.GetProperty("id").GetString());
        var fresh = await AccountSession.LogInAsync(api, Email, "another long password");
        var (_, keys, _) = await fresh.SendAsync(HttpMethod.Get, "/v1/keys?status=all");
        keys.GetProperty("total").GetInt64().ShouldBe(0);
        (await fresh.ListSessionsAsync()).Length.ShouldBe(1);
        (await api.PostAsync("/v1/auth/login", new { email = Email, password = Password })).Status.ShouldBe(HttpStatusCode.Unauthorized,
            "the old password does not open the new account");
    }

    [Fact]
    public async Task A_wrong_or_missing_password_is_refused_and_deletes_nothing()
    {
        await using var host = await TestHost.StartAsync(_data.Path);
        var api = new ApiClient(host);
        var (current, other, key, _) = await SetUpAsync(api);

        var (wrong, wrongBody, _) = await current.SendAsync(HttpMethod.Delete, "/v1/me", new { password = "not the password at all" });
        var (missing, missingBody, _) = await current.SendAsync(HttpMethod.Delete, "/v1/me", new { });

        wrong.ShouldBe(HttpStatusCode.Unauthorized);
        wrongBody.Code().ShouldBe("invalid_credentials");
        missing.ShouldBe(HttpStatusCode.BadRequest);
        missingBody.Code().ShouldBe("validation_failed");
        (await api.GetAsync(KeyedCall, apiKey: key)).Status.ShouldBe(HttpStatusCode.OK);
        (await other.MeAsync()).Status.ShouldBe(HttpStatusCode.OK);
        (await current.MeAsync()).Status.ShouldBe(HttpStatusCode.OK);
        (await api.PostAsync("/v1/auth/login", new { email = Email, password = Password })).Status.ShouldBe(HttpStatusCode.OK);
    }
}

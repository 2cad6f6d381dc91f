using KsQuery.Modules.Keys.Configuration;
using Keys.Tests.Support;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Keys.Tests.Support.KeysTestHost;

namespace Keys.Tests.Accounts;

/// <summary><c>Accounts:SignUp</c>: open (the default), closed, or by team invitation only.</summary>
public sealed class SignUpModeTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Open_is_the_default_and_signs_anyone_up()
    {
        await using var host = await StartAsync();

        var created = await host.SendAsync(HttpMethod.Post, "/v1/accounts", new { email = "ann@example.com", password = Password });

        ((int)created.StatusCode).ShouldBe(201);
    }

    [Fact]
    public async Task Closed_answers_403_sign_up_closed_and_creates_nothing()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Accounts:SignUp"] = "closed" });

        var refused = await host.SendAsync(HttpMethod.Post, "/v1/accounts", new { email = "ann@example.com", password = Password });

        await ShouldBeProblemAsync(refused, 403, "sign_up_closed");
        AccountCount(host).ShouldBe(0);
        var login = await host.SendAsync(HttpMethod.Post, "/v1/auth/login", new { email = "ann@example.com", password = Password });
        await ShouldBeProblemAsync(login, 401, "invalid_credentials");
    }

    [Fact]
    public async Task Closed_refuses_a_sign_up_that_carries_an_invitation_token_too()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Accounts:SignUp"] = "Closed" });
        host.Services.GetRequiredService<IOptions<AccountsOptions>>().Value.SignUp.ShouldBe(SignUpMode.Closed);

        var refused = await host.SendAsync(HttpMethod.Post, "/v1/accounts",
            new { email = "bob@example.com", password = Password, invitationToken = "ksq_inv_" + new string('a', 43) });

        await ShouldBeProblemAsync(refused, 403, "sign_up_closed");
    }

    [Fact]
    public async Task Invitation_without_a_token_answers_403_invitation_required()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Accounts:SignUp"] = "invitation" });

        var refused = await host.SendAsync(HttpMethod.Post, "/v1/accounts", new { email = "ann@example.com", password = Password });

        await ShouldBeProblemAsync(refused, 403, "invitation_required");
        AccountCount(host).ShouldBe(0);
    }

    [Fact]
    public async Task Invitation_signs_up_the_invited_email_into_its_team_once()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Accounts:SignUp"] = "invitation" });
        var token = await InviteAsync(host, "bob@example.com", ownerAlreadyExists: true);

        var created = await host.SendAsync(HttpMethod.Post, "/v1/accounts",
            new { email = "Bob@Example.com", password = Password, invitationToken = token });

        ((int)created.StatusCode).ShouldBe(201, await created.Content.ReadAsStringAsync());
        var login = await host.SendAsync(HttpMethod.Post, "/v1/auth/login", new { email = "bob@example.com", password = Password });
        var access = (await ReadAsync(login))["accessToken"]!.GetValue<string>();
        var teams = await ReadAsync(await host.SendAsync(HttpMethod.Get, "/v1/teams", token: access));
        teams.ToJsonString().ShouldContain("\"role\":\"developer\"");
        var accept = await host.SendAsync(HttpMethod.Post, "/v1/invitations/accept", new { token }, token: access);
        await ShouldBeProblemAsync(accept, 409, "invitation_used");
    }

    [Fact]
    public async Task Invitation_refuses_a_token_for_another_email_an_unknown_one_and_an_expired_one()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Accounts:SignUp"] = "invitation" });
        var token = await InviteAsync(host, "bob@example.com", ownerAlreadyExists: true);
        var before = AccountCount(host);

        var other = await host.SendAsync(HttpMethod.Post, "/v1/accounts",
            new { email = "eve@example.com", password = Password, invitationToken = token });
        await ShouldBeProblemAsync(other, 403, "invitation_for_another_account");

        var unknown = await host.SendAsync(HttpMethod.Post, "/v1/accounts",
            new { email = "bob@example.com", password = Password, invitationToken = "ksq_inv_" + new string('a', 43) });
        await ShouldBeProblemAsync(unknown, 404, "invitation_not_found");

        host.Time.Advance(TimeSpan.FromDays(8));
        var expired = await host.SendAsync(HttpMethod.Post, "/v1/accounts",
            new { email = "bob@example.com", password = Password, invitationToken = token });
        await ShouldBeProblemAsync(expired, 409, "invitation_expired");

        AccountCount(host).ShouldBe(before);
    }

    [Fact]
    public async Task Open_also_honours_an_invitation_token_given_at_sign_up()
    {
        await using var host = await StartAsync();
        var token = await InviteAsync(host, "bob@example.com");

        var wrong = await host.SendAsync(HttpMethod.Post, "/v1/accounts",
            new { email = "eve@example.com", password = Password, invitationToken = token });
        await ShouldBeProblemAsync(wrong, 403, "invitation_for_another_account");
        var created = await host.SendAsync(HttpMethod.Post, "/v1/accounts",
            new { email = "bob@example.com", password = Password, invitationToken = token });
        ((int)created.StatusCode).ShouldBe(201);
    }

    [Theory]
    [InlineData("sometimes")]
    [InlineData("7")]
    public async Task An_unknown_mode_stops_the_start(string mode)
    {
        var failure = await Should.ThrowAsync<Exception>(async () =>
        {
            await using var host = await StartAsync(new Dictionary<string, string?> { ["Accounts:SignUp"] = mode });
        });

        (failure.ToString()).ShouldContain("Accounts:SignUp");
    }

    /// <summary>An owner (created directly in the store when sign-up is not open) invites <paramref name="email"/> as a
    /// developer; answers the invitation token.</summary>
    private static async Task<string> InviteAsync(KeysTestHost host, string email, bool ownerAlreadyExists = false)
    {
        var owner = ownerAlreadyExists ? await OwnerBehindClosedSignUpAsync(host) : await host.SignUpAndLoginAsync("owner@example.com");
        var team = await ReadAsync(await host.SendAsync(HttpMethod.Post, "/v1/teams", new { name = "platform" }, token: owner));
        var invited = await host.SendAsync(HttpMethod.Post, $"/v1/teams/{team["id"]!.GetValue<string>()}/invitations",
            new { email, role = "developer" }, token: owner);
        ((int)invited.StatusCode).ShouldBe(201, await invited.Content.ReadAsStringAsync());
        return (await ReadAsync(invited))["token"]!.GetValue<string>();
    }

    // The operator's way in when sign-up is not open: an account created beside the HTTP API (the accounts command).
    private static async Task<string> OwnerBehindClosedSignUpAsync(KeysTestHost host)
    {
        var store = host.Services.GetRequiredService<KsQuery.Modules.Keys.Storage.IAccountStore>();
        var hasher = host.Services.GetRequiredService<KsQuery.Modules.Keys.Hashing.ISecretHasher>();
        var hash = await hasher.HashAsync(KsQuery.Modules.Keys.Accounts.Password.Bytes(Password),
            KsQuery.Modules.Keys.Hashing.HashPartition.SignUp("127.0.0.1"), CancellationToken.None);
        (await store.TryCreateAsync(new KsQuery.Modules.Keys.Storage.AccountRecord(Guid.NewGuid().ToString("N"), "owner@example.com",
            "owner@example.com", hash, host.Time.GetUtcNow(), Selection: null), CancellationToken.None)).ShouldBeTrue();
        var login = await host.SendAsync(HttpMethod.Post, "/v1/auth/login", new { email = "owner@example.com", password = Password });
        ((int)login.StatusCode).ShouldBe(200);
        return (await ReadAsync(login))["accessToken"]!.GetValue<string>();
    }

    private static int AccountCount(KeysTestHost host) =>
        host.Services.GetRequiredService<ILiteDatabase>().GetCollection(KsQuery.Modules.Keys.Storage.LiteDbAccountStore.CollectionName).Count();
}

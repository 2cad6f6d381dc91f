using System.Net;
using Host.Tests.Support;

namespace Host.Tests.Accounts;

/// <summary><c>POST /v1/me/password</c>: the current password proves the caller, the new one follows the sign-up rules,
/// and the change ends every other session of the account while the caller's session goes on.</summary>
public sealed class ChangePasswordTests : IDisposable
{
    private const string Email = "change@example.com";
    private const string OldPassword = "the old long password";
    private const string NewPassword = "the new long password";
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private static async Task<ApiClient> SignUpAsync(IAlbaHost host)
    {
        var api = new ApiClient(host);
        (await api.PostAsync("/v1/accounts", new { email = Email, password = OldPassword })).Status.ShouldBe(HttpStatusCode.Created);
        return api;
    }

    [Fact]
    public async Task The_change_ends_the_other_sessions_and_keeps_the_callers()
    {
        await using var host = await TestHost.StartAsync(_data.Path);
        var api = await SignUpAsync(host);
        var current = await AccountSession.LogInAsync(api, Email, OldPassword, "current");
        var other = await AccountSession.LogInAsync(api, Email, OldPassword, "other");
        (await other.MeAsync()).Status.ShouldBe(HttpStatusCode.OK, "the other session works before");

        var (status, body, _) = await current.SendAsync(HttpMethod.Post, "/v1/me/password",
            new { currentPassword = OldPassword, newPassword = NewPassword });

        status.ShouldBe(HttpStatusCode.NoContent, body.ToString());
        var (otherMe, refused, _) = await other.MeAsync();
        otherMe.ShouldBe(HttpStatusCode.Unauthorized);
        refused.Code().ShouldBe("unauthenticated");
        (await other.RefreshAsync()).Status.ShouldBe(HttpStatusCode.Unauthorized);

        (await current.MeAsync()).Status.ShouldBe(HttpStatusCode.OK);
        (await current.RefreshAsync()).Status.ShouldBe(HttpStatusCode.OK);
        (await current.ListSessionsAsync()).Select(s => s.GetProperty("userAgent").GetString()).ShouldBe(["current"]);

        var (oldLogin, oldBody, _) = await api.PostAsync("/v1/auth/login", new { email = Email, password = OldPassword });
        oldLogin.ShouldBe(HttpStatusCode.Unauthorized);
        oldBody.Code().ShouldBe("invalid_credentials");
        (await api.PostAsync("/v1/auth/login", new { email = Email, password = NewPassword })).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_current_password_is_refused_and_changes_nothing()
    {
        await using var host = await TestHost.StartAsync(_data.Path);
        var api = await SignUpAsync(host);
        var current = await AccountSession.LogInAsync(api, Email, OldPassword);
        var other = await AccountSession.LogInAsync(api, Email, OldPassword);

        var (status, body, _) = await current.SendAsync(HttpMethod.Post, "/v1/me/password",
            new { currentPassword = "not the password at all", newPassword = NewPassword });

        status.ShouldBe(HttpStatusCode.Unauthorized);
        body.Code().ShouldBe("invalid_credentials");
        (await other.MeAsync()).Status.ShouldBe(HttpStatusCode.OK, "no session ended");
        (await current.MeAsync()).Status.ShouldBe(HttpStatusCode.OK, "the caller is not signed out by a mistyped password");
        (await api.PostAsync("/v1/auth/login", new { email = Email, password = OldPassword })).Status.ShouldBe(HttpStatusCode.OK);
        (await api.PostAsync("/v1/auth/login", new { email = Email, password = NewPassword })).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Wrong_current_passwords_are_throttled_like_logins()
    {
        await using var host = await TestHost.StartAsync(_data.Path, new Dictionary<string, string?> { ["Keys:Throttling:LoginFailuresPerAccount"] = "2" });
        var api = await SignUpAsync(host);
        var current = await AccountSession.LogInAsync(api, Email, OldPassword);
        var wrong = new { currentPassword = "not the password at all", newPassword = NewPassword };

        (await current.SendAsync(HttpMethod.Post, "/v1/me/password", wrong)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await current.SendAsync(HttpMethod.Post, "/v1/me/password", wrong)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        var (status, body, response) = await current.SendAsync(HttpMethod.Post, "/v1/me/password",
            new { currentPassword = OldPassword, newPassword = NewPassword });

        status.ShouldBe(HttpStatusCode.TooManyRequests, "even the right password waits once the account is throttled");
        body.Code().ShouldBe("too_many_attempts");
        response.Headers.RetryAfter.ShouldNotBeNull();
        var (login, loginBody, _) = await api.PostAsync("/v1/auth/login", new { email = Email, password = OldPassword });
        login.ShouldBe(HttpStatusCode.TooManyRequests, "the failures count for the account's logins too");
        loginBody.Code().ShouldBe("too_many_attempts");
    }

    [Theory]
    [InlineData(null, NewPassword, "currentPassword")]
    [InlineData(OldPassword, null, "newPassword")]
    [InlineData(OldPassword, "short", "newPassword")]
    public async Task Bad_input_is_refused_with_the_field_named_and_changes_nothing(string? currentPassword, string? newPassword, string field)
    {
        await using var host = await TestHost.StartAsync(_data.Path);
        var api = await SignUpAsync(host);
        var current = await AccountSession.LogInAsync(api, Email, OldPassword);
        var other = await AccountSession.LogInAsync(api, Email, OldPassword);

        var (status, body, _) = await current.SendAsync(HttpMethod.Post, "/v1/me/password", new { currentPassword, newPassword });

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToString());
        body.Code().ShouldBe("validation_failed");
        body.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(body.ToString());
        (await other.MeAsync()).Status.ShouldBe(HttpStatusCode.OK);
        (await api.PostAsync("/v1/auth/login", new { email = Email, password = OldPassword })).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_route_needs_an_access_token()
    {
        await using var host = await TestHost.StartAsync(_data.Path);
        var api = await SignUpAsync(host);
        var (status, body, _) = await api.PostAsync("/v1/me/password", new { currentPassword = OldPassword, newPassword = NewPassword });
        status.ShouldBe(HttpStatusCode.Unauthorized);
        body.Code().ShouldBe("unauthenticated");
    }
}

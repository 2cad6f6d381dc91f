using System.Text.Json.Nodes;
using Keys.Tests.Support;
using static Keys.Tests.Support.KeysTestHost;

namespace Keys.Tests.Http;

/// <summary><c>POST /v1/auth/logout</c> ends the session its refresh token belongs to: that refresh token, every refresh
/// token and access token issued in the same session (by login, then by refreshing); other sessions of the account stay.</summary>
public sealed class LogoutTests : IAsyncLifetime
{
    private const string Email = "dev@example.com";
    private const string Password = "correct horse battery";
    private KeysTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await StartAsync();
        (await _host.SendAsync(HttpMethod.Post, "/v1/accounts", new { email = Email, password = Password })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Logout_answers_204_and_the_refresh_token_no_longer_refreshes()
    {
        var session = await LogInAsync();
        ((int)(await RefreshAsync(session.Refresh)).StatusCode).ShouldBe(200, "the token works before logging out");

        var logout = await _host.SendAsync(HttpMethod.Post, "/v1/auth/logout", new { refreshToken = session.Refresh });

        ((int)logout.StatusCode).ShouldBe(204);
        (await logout.Content.ReadAsStringAsync()).ShouldBeEmpty();
        await ShouldBeProblemAsync(await RefreshAsync(session.Refresh), 401, "invalid_credentials");
    }

    [Fact]
    public async Task Logout_ends_the_access_tokens_of_the_session()
    {
        var session = await LogInAsync();
        ((int)(await _host.SendAsync(HttpMethod.Get, "/v1/me", token: session.Access)).StatusCode).ShouldBe(200);

        await LogOutAsync(session.Refresh);

        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Get, "/v1/me", token: session.Access), 401, "unauthenticated");
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Get, "/v1/keys", token: session.Access), 401, "unauthenticated");
    }

    [Fact]
    public async Task Logout_with_a_refreshed_token_ends_the_earlier_tokens_of_the_same_session()
    {
        var session = await LogInAsync();
        var refreshed = await ReadAsync(await RefreshAsync(session.Refresh));
        var newRefresh = refreshed["refreshToken"]!.GetValue<string>();
        var newAccess = refreshed["accessToken"]!.GetValue<string>();

        await LogOutAsync(newRefresh);

        await ShouldBeProblemAsync(await RefreshAsync(session.Refresh), 401, "invalid_credentials");
        await ShouldBeProblemAsync(await RefreshAsync(newRefresh), 401, "invalid_credentials");
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Get, "/v1/me", token: session.Access), 401, "unauthenticated");
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Get, "/v1/me", token: newAccess), 401, "unauthenticated");
    }

    [Fact]
    public async Task Other_sessions_of_the_account_stay()
    {
        var laptop = await LogInAsync();
        var phone = await LogInAsync();

        await LogOutAsync(laptop.Refresh);

        ((int)(await RefreshAsync(phone.Refresh)).StatusCode).ShouldBe(200);
        ((int)(await _host.SendAsync(HttpMethod.Get, "/v1/me", token: phone.Access)).StatusCode).ShouldBe(200);
        await ShouldBeProblemAsync(await RefreshAsync(laptop.Refresh), 401, "invalid_credentials");
    }

    [Fact]
    public async Task Logging_out_again_or_after_expiry_answers_204()
    {
        var session = await LogInAsync();
        await LogOutAsync(session.Refresh);

        ((int)(await _host.SendAsync(HttpMethod.Post, "/v1/auth/logout", new { refreshToken = session.Refresh })).StatusCode).ShouldBe(204);

        var later = await LogInAsync();
        _host.Time.Advance(TimeSpan.FromDays(14) + TimeSpan.FromSeconds(1));
        ((int)(await _host.SendAsync(HttpMethod.Post, "/v1/auth/logout", new { refreshToken = later.Refresh })).StatusCode).ShouldBe(204);
    }

    [Fact]
    public async Task Logout_refuses_what_is_not_a_refresh_token_and_ends_nothing()
    {
        var session = await LogInAsync();

        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Post, "/v1/auth/logout", new { }), 400, "validation_failed");
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Post, "/v1/auth/logout", new { refreshToken = " " }), 400, "validation_failed");
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Post, "/v1/auth/logout", new { refreshToken = "garbage" }), 401, "invalid_credentials");
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Post, "/v1/auth/logout", new { refreshToken = session.Access }), 401, "invalid_credentials");

        ((int)(await RefreshAsync(session.Refresh)).StatusCode).ShouldBe(200);
        ((int)(await _host.SendAsync(HttpMethod.Get, "/v1/me", token: session.Access)).StatusCode).ShouldBe(200);
    }

    private async Task<(string Access, string Refresh)> LogInAsync()
    {
        var login = await _host.SendAsync(HttpMethod.Post, "/v1/auth/login", new { email = Email, password = Password });
        login.EnsureSuccessStatusCode();
        JsonNode tokens = await ReadAsync(login);
        return (tokens["accessToken"]!.GetValue<string>(), tokens["refreshToken"]!.GetValue<string>());
    }

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        _host.SendAsync(HttpMethod.Post, "/v1/auth/refresh", new { refreshToken });

    private async Task LogOutAsync(string refreshToken) =>
        ((int)(await _host.SendAsync(HttpMethod.Post, "/v1/auth/logout", new { refreshToken })).StatusCode).ShouldBe(204);
}

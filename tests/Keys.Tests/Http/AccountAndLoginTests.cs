using Keys.Tests.Support;
using static Keys.Tests.Support.KeysTestHost;

namespace Keys.Tests.Http;

public sealed class AccountAndLoginTests : IAsyncLifetime
{
    private KeysTestHost _host = null!;

    public async Task InitializeAsync() => _host = await StartAsync(new Dictionary<string, string?>
    {
        ["Keys:Throttling:LoginFailuresPerAccount"] = "3",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Sign_up_answers_201_and_rejects_the_same_email_in_another_case()
    {
        var created = await _host.SendAsync(HttpMethod.Post, "/v1/accounts", new { email = "Ann@Example.com", password = "twelve chars!" });
        ((int)created.StatusCode).ShouldBe(201);
        var body = await ReadAsync(created);
        body["id"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        body["email"]!.GetValue<string>().ShouldBe("Ann@Example.com");
        body.AsObject().ContainsKey("password").ShouldBeFalse();

        var again = await _host.SendAsync(HttpMethod.Post, "/v1/accounts", new { email = "  ann@example.COM ", password = "another password" });
        await ShouldBeProblemAsync(again, 409, "email_taken");
    }

    [Fact]
    public async Task Sign_up_validates_email_and_password()
    {
        var response = await _host.SendAsync(HttpMethod.Post, "/v1/accounts", new { email = "not-an-email", password = "short" });
        await ShouldBeProblemAsync(response, 400, "validation_failed");
        var errors = (await ReadAsync(response))["errors"]!.AsObject();
        errors.ContainsKey("email").ShouldBeTrue();
        errors.ContainsKey("password").ShouldBeTrue();
    }

    [Fact]
    public async Task Login_returns_bearer_tokens_and_me_uses_them()
    {
        await _host.SendAsync(HttpMethod.Post, "/v1/accounts", new { email = "dev@example.com", password = "correct horse battery" });

        var login = await _host.SendAsync(HttpMethod.Post, "/v1/auth/login", new { email = "DEV@example.com", password = "correct horse battery" });
        ((int)login.StatusCode).ShouldBe(200);
        var tokens = await ReadAsync(login);
        tokens["tokenType"]!.GetValue<string>().ShouldBe("Bearer");
        tokens["expiresIn"]!.GetValue<long>().ShouldBe(3600);
        tokens["refreshToken"]!.GetValue<string>().ShouldNotBeNullOrEmpty();

        var me = await _host.SendAsync(HttpMethod.Get, "/v1/me", token: tokens["accessToken"]!.GetValue<string>());
        ((int)me.StatusCode).ShouldBe(200);
        var body = await ReadAsync(me);
        body["email"]!.GetValue<string>().ShouldBe("dev@example.com");
        body["selection"]!["chain"].ShouldBeNull();
        body["selection"]!["activeKeyId"].ShouldBeNull();
    }

    [Fact]
    public async Task Unknown_email_and_wrong_password_get_the_same_answer()
    {
        await _host.SendAsync(HttpMethod.Post, "/v1/accounts", new { email = "dev@example.com", password = "correct horse battery" });

        var wrong = await _host.SendAsync(HttpMethod.Post, "/v1/auth/login", new { email = "dev@example.com", password = "wrong password!" });
        var unknown = await _host.SendAsync(HttpMethod.Post, "/v1/auth/login", new { email = "nobody@example.com", password = "wrong password!" });

        await ShouldBeProblemAsync(wrong, 401, "invalid_credentials");
        await ShouldBeProblemAsync(unknown, 401, "invalid_credentials");
        (await ReadAsync(wrong))["detail"]!.GetValue<string>().ShouldBe((await ReadAsync(unknown))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Repeated_failures_get_429_with_retry_after_even_for_the_right_password()
    {
        await _host.SendAsync(HttpMethod.Post, "/v1/accounts", new { email = "dev@example.com", password = "correct horse battery" });
        for (var i = 0; i < 3; i++)
            await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Post, "/v1/auth/login", new { email = "dev@example.com", password = "wrong password!" }), 401, "invalid_credentials");

        var blocked = await _host.SendAsync(HttpMethod.Post, "/v1/auth/login", new { email = "dev@example.com", password = "correct horse battery" });
        await ShouldBeProblemAsync(blocked, 429, "too_many_attempts");
        blocked.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeGreaterThan(0);

        _host.Time.Advance(TimeSpan.FromMinutes(16));
        ((int)(await _host.SendAsync(HttpMethod.Post, "/v1/auth/login", new { email = "dev@example.com", password = "correct horse battery" })).StatusCode).ShouldBe(200);
    }

    [Fact]
    public async Task Refresh_gives_new_tokens_until_the_refresh_token_expires()
    {
        await _host.SendAsync(HttpMethod.Post, "/v1/accounts", new { email = "dev@example.com", password = "correct horse battery" });
        var tokens = await ReadAsync(await _host.SendAsync(HttpMethod.Post, "/v1/auth/login", new { email = "dev@example.com", password = "correct horse battery" }));
        var refreshToken = tokens["refreshToken"]!.GetValue<string>();

        var refreshed = await _host.SendAsync(HttpMethod.Post, "/v1/auth/refresh", new { refreshToken });
        ((int)refreshed.StatusCode).ShouldBe(200);
        var newAccess = (await ReadAsync(refreshed))["accessToken"]!.GetValue<string>();
        ((int)(await _host.SendAsync(HttpMethod.Get, "/v1/me", token: newAccess)).StatusCode).ShouldBe(200);

        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Post, "/v1/auth/refresh", new { refreshToken = "garbage" }), 401, "invalid_credentials");
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Post, "/v1/auth/refresh", new { refreshToken = tokens["accessToken"]!.GetValue<string>() }), 401, "invalid_credentials");

        _host.Time.Advance(TimeSpan.FromDays(14) + TimeSpan.FromSeconds(1));
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Post, "/v1/auth/refresh", new { refreshToken }), 401, "invalid_credentials");
    }

    [Fact]
    public async Task Dashboard_routes_need_a_valid_unexpired_token()
    {
        var token = await _host.SignUpAndLoginAsync();

        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Get, "/v1/me"), 401, "unauthenticated");
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Get, "/v1/keys"), 401, "unauthenticated");
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Get, "/v1/me", token: "not-a-token"), 401, "unauthenticated");

        _host.Time.Advance(TimeSpan.FromMinutes(61));
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Get, "/v1/me", token: token), 401, "unauthenticated");
    }

    [Fact]
    public async Task Selection_is_resolved_and_stored_with_canonical_ids()
    {
        var token = await _host.SignUpAndLoginAsync();

        var put = await _host.SendAsync(HttpMethod.Put, "/v1/me/selection", new { chain = "KALP", network = "TestNet" }, token);
        ((int)put.StatusCode).ShouldBe(200);
        var me = await ReadAsync(await _host.SendAsync(HttpMethod.Get, "/v1/me", token: token));
        me["selection"]!["chain"]!.GetValue<string>().ShouldBe("kalp");
        me["selection"]!["network"]!.GetValue<string>().ShouldBe("testnet");

        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Put, "/v1/me/selection", new { chain = "nope", network = "testnet" }, token), 404, "chain_not_found");
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Put, "/v1/me/selection", new { chain = "kalp", network = "nope" }, token), 404, "network_not_found");
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Put, "/v1/me/selection", new { chain = "ethereum", network = "mainnet" }, token), 409, "chain_not_available");
        await ShouldBeProblemAsync(await _host.SendAsync(HttpMethod.Put, "/v1/me/selection", new { chain = "kalp" }, token), 400, "validation_failed");
    }
}

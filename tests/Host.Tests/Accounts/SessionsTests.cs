using System.Net;
using Host.Tests.Support;

namespace Host.Tests.Accounts;

/// <summary><c>GET /v1/sessions</c> lists the caller's live sessions; <c>DELETE /v1/sessions/{id}</c> ends one of them
/// (its access tokens refused at their next use, its refresh tokens no longer refresh) and leaves the others.</summary>
public sealed class SessionsTests : IDisposable
{
    private const string Email = "sessions@example.com";
    private const string Password = "a long enough password";
    private readonly TempDirectory _data = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2031, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_list_shows_each_live_session_with_its_times_and_agent_and_marks_the_callers()
    {
        await using var host = await TestHost.StartAsync(_data.Path, clock: _clock);
        var api = new ApiClient(host);
        await api.PostAsync("/v1/accounts", new { email = Email, password = Password });
        var laptop = await AccountSession.LogInAsync(api, Email, Password, "laptop-browser/1.0");
        var loggedInAt = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromMinutes(5));
        var phone = await AccountSession.LogInAsync(api, Email, Password, "phone-browser/2.0");
        _clock.Advance(TimeSpan.FromMinutes(5));
        (await laptop.RefreshAsync()).Status.ShouldBe(HttpStatusCode.OK);

        var sessions = await phone.ListSessionsAsync();

        sessions.Length.ShouldBe(2);
        var current = sessions.Single(s => s.GetProperty("current").GetBoolean());
        current.GetProperty("userAgent").GetString().ShouldBe("phone-browser/2.0");
        var other = sessions.Single(s => !s.GetProperty("current").GetBoolean());
        other.GetProperty("userAgent").GetString().ShouldBe("laptop-browser/1.0");
        other.GetProperty("createdAt").GetDateTimeOffset().ShouldBe(loggedInAt);
        other.GetProperty("refreshedAt").GetDateTimeOffset().ShouldBe(loggedInAt.AddMinutes(10), "a refresh moves refreshedAt");
        other.TryGetProperty("clientAddress", out _).ShouldBeTrue();
        other.GetProperty("id").GetString().ShouldNotBe(current.GetProperty("id").GetString());
        // Most recently used first: the laptop refreshed after the phone logged in.
        sessions[0].GetProperty("userAgent").GetString().ShouldBe("laptop-browser/1.0");
        foreach (var session in sessions)
            session.ToString().ShouldNotContain(laptop.Refresh[..20], Case.Sensitive, "no token in the list");
    }

    [Fact]
    public async Task Ending_a_session_refuses_its_tokens_at_their_next_use_and_keeps_the_callers()
    {
        await using var host = await TestHost.StartAsync(_data.Path, clock: _clock);
        var api = new ApiClient(host);
        await api.PostAsync("/v1/accounts", new { email = Email, password = Password });
        var laptop = await AccountSession.LogInAsync(api, Email, Password, "laptop");
        var phone = await AccountSession.LogInAsync(api, Email, Password, "phone");
        (await phone.MeAsync()).Status.ShouldBe(HttpStatusCode.OK, "the phone works before");
        var phoneId = await phone.IdAsync();

        var (status, body, _) = await laptop.SendAsync(HttpMethod.Delete, $"/v1/sessions/{phoneId}");

        status.ShouldBe(HttpStatusCode.NoContent, body.ToString());
        var (meStatus, me, _) = await phone.MeAsync();
        meStatus.ShouldBe(HttpStatusCode.Unauthorized);
        me.Code().ShouldBe("unauthenticated");
        me.GetProperty("detail").GetString()!.ShouldContain("session has ended");
        var (refreshStatus, refused, _) = await phone.RefreshAsync();
        refreshStatus.ShouldBe(HttpStatusCode.Unauthorized);
        refused.Code().ShouldBe("invalid_credentials");

        (await laptop.MeAsync()).Status.ShouldBe(HttpStatusCode.OK);
        (await laptop.RefreshAsync()).Status.ShouldBe(HttpStatusCode.OK);
        (await laptop.ListSessionsAsync()).Select(s => s.GetProperty("userAgent").GetString()).ShouldBe(["laptop"]);
        var (again, gone, _) = await laptop.SendAsync(HttpMethod.Delete, $"/v1/sessions/{phoneId}");
        again.ShouldBe(HttpStatusCode.NotFound, "an ended session is no longer listed nor found");
        gone.Code().ShouldBe("session_not_found");
    }

    [Fact]
    public async Task Another_accounts_session_and_an_unknown_id_are_not_found_and_stay_untouched()
    {
        await using var host = await TestHost.StartAsync(_data.Path, clock: _clock);
        var api = new ApiClient(host);
        await api.PostAsync("/v1/accounts", new { email = Email, password = Password });
        await api.PostAsync("/v1/accounts", new { email = "other@example.com", password = Password });
        var mine = await AccountSession.LogInAsync(api, Email, Password);
        var theirs = await AccountSession.LogInAsync(api, "other@example.com", Password);
        var theirId = await theirs.IdAsync();

        foreach (var id in new[] { theirId, "0123456789abcdef0123456789abcdef", "nosuch" })
        {
            var (status, body, _) = await mine.SendAsync(HttpMethod.Delete, $"/v1/sessions/{id}");
            status.ShouldBe(HttpStatusCode.NotFound, body.ToString());
            body.Code().ShouldBe("session_not_found");
        }

        (await theirs.MeAsync()).Status.ShouldBe(HttpStatusCode.OK);
        (await theirs.RefreshAsync()).Status.ShouldBe(HttpStatusCode.OK);
        (await mine.ListSessionsAsync()).Length.ShouldBe(1, "another account's sessions are not listed");
    }

    [Fact]
    public async Task The_sessions_routes_need_an_access_token()
    {
        await using var host = await TestHost.StartAsync(_data.Path, clock: _clock);
        var api = new ApiClient(host);
        var (list, listBody, _) = await api.GetAsync("/v1/sessions");
        list.ShouldBe(HttpStatusCode.Unauthorized);
        listBody.Code().ShouldBe("unauthenticated");
        var (end, endBody, _) = await api.SendAsync(HttpMethod.Delete, "/v1/sessions/abc");
        end.ShouldBe(HttpStatusCode.Unauthorized);
        endBody.Code().ShouldBe("unauthenticated");
    }
}

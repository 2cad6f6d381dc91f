using System.Net;
using Host.Tests.Support;

namespace Host.Tests.Keys;

/// <summary>A session ended by <c>POST /v1/auth/logout</c> stays ended after a restart (it is kept in the data file
/// until its tokens expire), and is forgotten once they have.</summary>
public sealed class LogoutRestartTests : IDisposable
{
    private const string Email = "logout@example.com";
    private const string Password = "a long enough password";
    private readonly TempDirectory _data = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2031, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task An_ended_session_stays_ended_after_a_restart_while_another_session_goes_on()
    {
        string endedAccess, endedRefresh, otherAccess, otherRefresh;
        await using (var first = await TestHost.StartAsync(_data.Path, clock: _clock))
        {
            var api = new ApiClient(first);
            await api.PostAsync("/v1/accounts", new { email = Email, password = Password });
            (endedAccess, endedRefresh) = await LogInAsync(api);
            (otherAccess, otherRefresh) = await LogInAsync(api);
            var (status, _, _) = await api.PostAsync("/v1/auth/logout", new { refreshToken = endedRefresh });
            status.ShouldBe(HttpStatusCode.NoContent);
        }

        await using (var second = await TestHost.StartAsync(_data.Path, clock: _clock))
        {
            var api = new ApiClient(second);
            var (refreshStatus, refused, _) = await api.PostAsync("/v1/auth/refresh", new { refreshToken = endedRefresh });
            refreshStatus.ShouldBe(HttpStatusCode.Unauthorized);
            refused.Code().ShouldBe("invalid_credentials");
            var (meStatus, me, _) = await api.GetAsync("/v1/me", endedAccess);
            meStatus.ShouldBe(HttpStatusCode.Unauthorized);
            me.Code().ShouldBe("unauthenticated");

            (await api.GetAsync("/v1/me", otherAccess)).Status.ShouldBe(HttpStatusCode.OK);
            (await api.PostAsync("/v1/auth/refresh", new { refreshToken = otherRefresh })).Status.ShouldBe(HttpStatusCode.OK);
        }
    }

    private static async Task<(string Access, string Refresh)> LogInAsync(ApiClient api)
    {
        var (status, login, _) = await api.PostAsync("/v1/auth/login", new { email = Email, password = Password });
        status.ShouldBe(HttpStatusCode.OK, login.ToString());
        return (login.GetProperty("accessToken").GetString()!, login.GetProperty("refreshToken").GetString()!);
    }
}

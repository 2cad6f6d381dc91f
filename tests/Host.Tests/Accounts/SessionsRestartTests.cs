using System.Net;
using Host.Tests.Support;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;

namespace Host.Tests.Accounts;

/// <summary>Sessions live in the data file: a restart keeps the live ones (listed as before) and the ended ones ended;
/// sessions whose refresh tokens have all expired leave the list and the file.</summary>
public sealed class SessionsRestartTests : IDisposable
{
    private const string Email = "restart-sessions@example.com";
    private const string Password = "a long enough password";
    private readonly TempDirectory _data = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2031, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Live_and_ended_sessions_survive_a_restart()
    {
        AccountSession laptop, phone;
        string laptopId;
        await using (var first = await TestHost.StartAsync(_data.Path, clock: _clock))
        {
            var api = new ApiClient(first);
            await api.PostAsync("/v1/accounts", new { email = Email, password = Password });
            laptop = await AccountSession.LogInAsync(api, Email, Password, "laptop");
            phone = await AccountSession.LogInAsync(api, Email, Password, "phone");
            laptopId = await laptop.IdAsync();
            (await laptop.SendAsync(HttpMethod.Delete, $"/v1/sessions/{await phone.IdAsync()}")).Status.ShouldBe(HttpStatusCode.NoContent);
        }

        await using (var second = await TestHost.StartAsync(_data.Path, clock: _clock))
        {
            var api = new ApiClient(second);
            laptop = laptop with { Api = api };
            phone = phone with { Api = api };
            var sessions = await laptop.ListSessionsAsync();
            sessions.Select(s => s.GetProperty("id").GetString()).ShouldBe([laptopId]);
            sessions[0].GetProperty("userAgent").GetString().ShouldBe("laptop");
            (await laptop.RefreshAsync()).Status.ShouldBe(HttpStatusCode.OK);

            var (meStatus, me, _) = await phone.MeAsync();
            meStatus.ShouldBe(HttpStatusCode.Unauthorized);
            me.Code().ShouldBe("unauthenticated");
            (await phone.RefreshAsync()).Status.ShouldBe(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Expired_sessions_leave_the_list_and_the_store()
    {
        await using var host = await TestHost.StartAsync(_data.Path, clock: _clock);
        var api = new ApiClient(host);
        await api.PostAsync("/v1/accounts", new { email = Email, password = Password });
        var old = await AccountSession.LogInAsync(api, Email, Password, "old");
        var oldId = await old.IdAsync();

        _clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1)); // Keys:RefreshTokenLifetime's default is 14 days
        var fresh = await AccountSession.LogInAsync(api, Email, Password, "fresh");

        (await fresh.ListSessionsAsync()).Select(s => s.GetProperty("userAgent").GetString()).ShouldBe(["fresh"]);
        (await old.RefreshAsync()).Status.ShouldBe(HttpStatusCode.Unauthorized);
        var stored = host.Services.GetRequiredService<ILiteDatabase>().GetCollection("keys_sessions");
        stored.FindById(oldId).ShouldBeNull("an expired session is deleted from the store, not only hidden");
        stored.Count().ShouldBe(1);
    }
}

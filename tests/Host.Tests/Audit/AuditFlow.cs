using Host.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Host.Tests.Audit;

/// <summary>The whole flow the audit log records: sign up, a failed login, a login, keys created, edited, rolled (with a
/// grace period), revealed and revoked, and two keys ending on their own (an expiry and the end of the roll's grace period)
/// when the clock moves on. Each step comes from its own address and user agent.</summary>
internal sealed class AuditFlow
{
    public const string Email = "audit@example.com";
    public const string Password = "correct horse battery";

    public string AccountId { get; private set; } = "";
    public string MainId { get; private set; } = "";
    public string ShortId { get; private set; } = "";
    public string RolledId { get; private set; } = "";
    public string DoomedId { get; private set; } = "";
    public List<string> Secrets { get; } = [Password];
    public string LastAccessToken { get; private set; } = "";

    public static async Task<AuditFlow> RunAsync(IAlbaHost host, FakeTimeProvider clock)
    {
        var flow = new AuditFlow();
        var (status, body) = await host.RequestAsync("POST", "/v1/accounts", new { email = Email, password = Password },
            ip: "198.51.100.1", userAgent: "signup/1");
        status.ShouldBe(201, body.ToString());
        flow.AccountId = body.GetProperty("id").GetString()!;

        (status, _) = await host.RequestAsync("POST", "/v1/auth/login", new { email = Email, password = "wrong password!!" },
            ip: "198.51.100.2", userAgent: "failed/1");
        status.ShouldBe(401);
        (status, _) = await host.RequestAsync("POST", "/v1/auth/login", new { email = "nobody@example.com", password = Password },
            ip: "198.51.100.3", userAgent: "unknown/1");
        status.ShouldBe(401);

        var (token, refresh) = await host.LogInAsync(Email, Password, ip: "2001:db8::4", userAgent: "login/1");
        flow.Secrets.AddRange([token, refresh]);
        (status, body) = await host.RequestAsync("PUT", "/v1/me/selection", new { chain = "kalp", network = "testnet" }, token);
        status.ShouldBe(200, body.ToString());

        (flow.MainId, var main) = await CreateAsync(host, token, new { name = "main", description = "first", recoverable = true }, "create/1");
        (flow.ShortId, var shortLived) = await CreateAsync(host, token,
            new { name = "short", expiresAt = clock.GetUtcNow().AddMinutes(30) }, "create/2");
        flow.Secrets.AddRange([main, shortLived]);

        (status, body) = await host.RequestAsync("PATCH", $"/v1/keys/{flow.MainId}", new { name = "main-2", description = "edited" }, token,
            ip: "198.51.100.5", userAgent: "edit/1");
        status.ShouldBe(200, body.ToString());

        (status, body) = await host.RequestAsync("POST", $"/v1/keys/{flow.MainId}/roll", new { gracePeriodSeconds = 600 }, token,
            ip: "198.51.100.6", userAgent: "roll/1");
        status.ShouldBe(201, body.ToString());
        flow.RolledId = body.GetProperty("id").GetString()!;
        flow.Secrets.Add(body.GetProperty("key").GetString()!);

        (status, body) = await host.RequestAsync("POST", $"/v1/keys/{flow.RolledId}/reveal", new { password = Password }, token,
            ip: "198.51.100.7", userAgent: "reveal/1");
        status.ShouldBe(200, body.ToString());

        (flow.DoomedId, var doomed) = await CreateAsync(host, token, new { name = "doomed" }, "create/3");
        flow.Secrets.Add(doomed);
        (status, body) = await host.RequestAsync("POST", $"/v1/keys/{flow.DoomedId}/revoke", null, token,
            ip: "198.51.100.8", userAgent: "revoke/1");
        status.ShouldBe(200, body.ToString());

        // Past the end of the roll's grace period (10 minutes), then past the expiry of "short" (30 minutes), then further:
        // the system records each once, when its sweep finds it.
        clock.Advance(TimeSpan.FromMinutes(20));
        clock.Advance(TimeSpan.FromMinutes(20));
        clock.Advance(TimeSpan.FromMinutes(40));

        var (later, laterRefresh) = await host.LogInAsync(Email, Password, ip: "198.51.100.9", userAgent: "login/2");
        flow.Secrets.AddRange([later, laterRefresh]);
        flow.LastAccessToken = later;
        return flow;
    }

    private static async Task<(string Id, string Key)> CreateAsync(IAlbaHost host, string token, object request, string agent)
    {
        var (status, body) = await host.RequestAsync("POST", "/v1/keys", request, token, ip: "198.51.100.4", userAgent: agent);
        status.ShouldBe(201, body.ToString());
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
    }
}

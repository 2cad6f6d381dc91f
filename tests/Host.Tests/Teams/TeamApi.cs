using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Host.Tests.Support;
using KsQuery.Modules.Keys.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Host.Tests.Teams;

/// <summary>Team flows over HTTP: create, invite, accept. Assertions of the flow under test stay in the tests.</summary>
internal static class TeamApi
{
    public static async Task<string> CreateTeamAsync(this ApiClient api, string token, string name = "platform")
    {
        var (status, body, _) = await api.PostAsync("/v1/teams", new { name }, token);
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetString()!;
    }

    /// <summary>Invites <paramref name="email"/>; returns the invitation token.</summary>
    public static async Task<string> InviteAsync(this ApiClient api, string token, string teamId, string email, string role)
    {
        var (status, body, _) = await api.PostAsync($"/v1/teams/{teamId}/invitations", new { email, role }, token);
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        return body.GetProperty("token").GetString()!;
    }

    /// <summary>Signs up <paramref name="email"/>, invites it with <paramref name="role"/> and accepts; returns its access token.</summary>
    public static async Task<string> JoinAsync(this ApiClient api, string ownerToken, string teamId, string email, string role)
    {
        var member = await api.SignUpAndLogInAsync(email);
        var invitation = await api.InviteAsync(ownerToken, teamId, email, role);
        var (status, body, _) = await api.PostAsync("/v1/invitations/accept", new { token = invitation }, member);
        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        return member;
    }

    public static async Task<string> AccountIdAsync(this ApiClient api, string token)
    {
        var (status, body, _) = await api.GetAsync("/v1/me", token);
        status.ShouldBe(HttpStatusCode.OK);
        return body.GetProperty("id").GetString()!;
    }

    public static async Task<(string Id, string Key)> CreateTeamKeyAsync(this ApiClient api, string token, string teamId, string name,
        bool recoverable = false)
    {
        var (status, body, _) = await api.PostAsync("/v1/keys", new { name, teamId, chain = "kalp", network = "testnet", recoverable }, token);
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
    }

    public static Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PatchAsync(this ApiClient api, string url,
        object body, string token) => api.SendAsync(HttpMethod.Patch, url, body, token);

    public static Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> DeleteAsync(this ApiClient api, string url,
        string token) => api.SendAsync(HttpMethod.Delete, url, null, token);
}

/// <summary>Keeps what the routes hand to <see cref="IAuditTrail"/>, in order, for the assertions of a test.</summary>
internal sealed class RecordingAuditTrail : IAuditTrail
{
    private readonly ConcurrentQueue<AuditEvent> _entries = new();

    public IReadOnlyList<AuditEvent> Entries => _entries.ToList();

    public ValueTask RecordAsync(AuditEvent entry, CancellationToken cancellationToken)
    {
        _entries.Enqueue(entry);
        return ValueTask.CompletedTask;
    }

    public Action<IServiceCollection> Replace => services => services.AddSingleton<IAuditTrail>(this);
}

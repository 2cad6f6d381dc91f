using Host.Tests.Security.Support;
using Host.Tests.Support;

namespace Host.Tests.Security.Authorization;

/// <summary>A host on a clock the fixture moves: an account logs in, the clock moves two hours (past the access token's
/// hour and the refresh token's 90 minutes), then the owner and another account log in. The clock is not moved again,
/// so every other token stays valid for the whole class.</summary>
public sealed class MatrixFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    public SecurityHost Host { get; private set; } = null!;
    public Party Expired { get; private set; } = null!;
    public Party Owner { get; private set; } = null!;
    public Party Other { get; private set; } = null!;
    public IssuedKey OwnerKey { get; private set; } = null!;
    public IssuedKey OwnerRecoverableKey { get; private set; } = null!;
    public IssuedKey OwnerRevokedKey { get; private set; } = null!;
    public IssuedKey OtherKey { get; private set; } = null!;
    public string OwnerTeamId { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(SecurityFixture.Settings)
        {
            ["Keys:RefreshTokenLifetime"] = "01:30:00",
            // The matrix covers every chain API the host maps, the EVM plugin's (coming-soon networks) included.
            ["Plugins:ethereum:Enabled"] = "true",
            ["Plugins:binance:Enabled"] = "true",
        };
        Host = await SecurityHost.StartAsync(_data.Path, settings, _clock);
        Expired = await Host.SignUpAsync("expired@example.com");
        _clock.Advance(TimeSpan.FromHours(2));

        Owner = await Host.SignUpAsync("owner@example.com");
        Other = await Host.SignUpAsync("someone-else@example.com");
        OwnerKey = await Host.CreateKeyAsync(Owner, "owner-key");
        OwnerRecoverableKey = await Host.CreateKeyAsync(Owner, "owner-recoverable", recoverable: true);
        OwnerRevokedKey = await Host.CreateKeyAsync(Owner, "owner-revoked");
        await Host.RevokeAsync(Owner, OwnerRevokedKey.Id);
        OtherKey = await Host.CreateKeyAsync(Other, "other-key");
        var (teamStatus, team) = await Host.SendAsync(HttpMethod.Post, "/v1/teams", Owner.Token, new { name = "owner-team" });
        teamStatus.ShouldBe(System.Net.HttpStatusCode.Created);
        OwnerTeamId = team.GetProperty("id").GetString()!;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
    }
}

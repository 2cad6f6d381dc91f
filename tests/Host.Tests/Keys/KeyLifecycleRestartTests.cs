using System.Net;
using System.Text;
using Host.Tests.Support;

namespace Host.Tests.Keys;

/// <summary>Issue #3: rolled keys, expiries, recoverable keys and the Data Protection key ring survive a restart,
/// and the data files hold no plaintext key or password.</summary>
public sealed class KeyLifecycleRestartTests : IDisposable
{
    private const string Email = "lifecycle@example.com";
    private const string Password = "a long enough password";
    private readonly TempDirectory _data = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2031, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Keys_tokens_and_recoverable_secrets_survive_a_restart_and_expire_on_the_restored_clock()
    {
        string accessToken, refreshToken, recoverable, expiring, oldKey, newKey, recoverableId, rolledId;
        await using (var first = await TestHost.StartAsync(_data.Path, clock: _clock))
        {
            var api = new ApiClient(first);
            await api.PostAsync("/v1/accounts", new { email = Email, password = Password });
            var (_, login, _) = await api.PostAsync("/v1/auth/login", new { email = Email, password = Password });
            accessToken = login.GetProperty("accessToken").GetString()!;
            refreshToken = login.GetProperty("refreshToken").GetString()!;
            await api.SelectAsync(accessToken);

            var (_, r, _) = await api.PostAsync("/v1/keys", new { name = "recoverable", recoverable = true }, accessToken);
            recoverable = r.GetProperty("key").GetString()!;
            recoverableId = r.GetProperty("id").GetString()!;
            var (_, e, _) = await api.PostAsync("/v1/keys", new { name = "expiring", expiresAt = _clock.GetUtcNow().AddHours(1) }, accessToken);
            expiring = e.GetProperty("key").GetString()!;
            var (_, o, _) = await api.PostAsync("/v1/keys", new { name = "rolled" }, accessToken);
            oldKey = o.GetProperty("key").GetString()!;
            rolledId = o.GetProperty("id").GetString()!;
            var (rollStatus, n, _) = await api.PostAsync($"/v1/keys/{rolledId}/roll", new { gracePeriodSeconds = 3600 }, accessToken);
            rollStatus.ShouldBe(HttpStatusCode.Created, n.ToString());
            newKey = n.GetProperty("key").GetString()!;
        }

        foreach (var (file, bytes) in await DatabaseFilesAsync(_data.Path))
        {
            foreach (var secret in new[] { recoverable, expiring, oldKey, newKey, Password })
                Contains(bytes, secret).ShouldBeFalse($"{Path.GetFileName(file)} holds a plaintext secret");
        }

        _clock.Advance(TimeSpan.FromMinutes(30));
        await using (var second = await TestHost.StartAsync(_data.Path, clock: _clock))
        {
            var api = new ApiClient(second);
            (await api.GetAsync("/v1/me", accessToken)).Status.ShouldBe(HttpStatusCode.OK, "access tokens survive (Data Protection key ring persisted)");
            var (refreshStatus, refreshed, _) = await api.PostAsync("/v1/auth/refresh", new { refreshToken });
            refreshStatus.ShouldBe(HttpStatusCode.OK, refreshed.ToString());

            var (revealStatus, revealed, _) = await api.PostAsync($"/v1/keys/{recoverableId}/reveal", new { password = Password }, accessToken);
            revealStatus.ShouldBe(HttpStatusCode.OK, revealed.ToString());
            revealed.GetProperty("key").GetString().ShouldBe(recoverable);

            foreach (var key in new[] { recoverable, expiring, oldKey, newKey })
                (await api.GetAsync("/v1/kalp/testnet/network", apiKey: key)).Status.ShouldBe(HttpStatusCode.OK);

            var (_, rolled, _) = await api.GetAsync($"/v1/keys/{rolledId}", accessToken);
            rolled.GetProperty("revokeAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2031, 3, 1, 13, 0, 0, TimeSpan.Zero));
        }

        _clock.Advance(TimeSpan.FromHours(1));
        await using (var third = await TestHost.StartAsync(_data.Path, clock: _clock))
        {
            var api = new ApiClient(third);
            var (expiredStatus, expired, _) = await api.GetAsync("/v1/kalp/testnet/network", apiKey: expiring);
            expiredStatus.ShouldBe(HttpStatusCode.Unauthorized);
            expired.Code().ShouldBe("key_expired");
            var (oldStatus, old, _) = await api.GetAsync("/v1/kalp/testnet/network", apiKey: oldKey);
            oldStatus.ShouldBe(HttpStatusCode.Unauthorized);
            old.Code().ShouldBe("key_revoked");
            (await api.GetAsync("/v1/kalp/testnet/network", apiKey: newKey)).Status.ShouldBe(HttpStatusCode.OK);
            (await api.GetAsync("/v1/kalp/testnet/network", apiKey: recoverable)).Status.ShouldBe(HttpStatusCode.OK);
        }
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0
        || haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(needle)) >= 0;

    // Temporary files (a snapshot or key ring being written and renamed, a LiteDB log being truncated) may vanish or
    // shrink while the tree is read; read it again.
    private static async Task<List<(string File, byte[] Bytes)>> DatabaseFilesAsync(string root)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var files = new List<(string, byte[])>();
                foreach (var file in Directory.GetFiles(root, "*.db", SearchOption.AllDirectories))
                {
                    await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                    var copy = new MemoryStream();
                    await stream.CopyToAsync(copy);
                    files.Add((file, copy.ToArray()));
                }
                return files;
            }
            catch (IOException) when (attempt < 5)
            {
            }
        }
    }
}

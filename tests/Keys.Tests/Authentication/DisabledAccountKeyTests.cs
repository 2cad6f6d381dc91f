using System.Security.Cryptography;
using System.Text;
using Keys.Tests.Support;
using KsQuery.Modules.Keys.Authentication;
using KsQuery.Modules.Keys.Hashing;
using KsQuery.Modules.Keys.KeyFormat;
using KsQuery.Modules.Keys.Storage;
using KsQuery.Modules.Keys.Throttling;
using LiteDB;
using Microsoft.Extensions.Options;

namespace Keys.Tests.Authentication;

/// <summary>The keys of an account an operator disabled: <c>key_disabled</c> for whoever holds the secret, from memory after
/// the first refusal (no store read, no hash per call), and working again once the account is enabled and the key evicted.</summary>
public sealed class DisabledAccountKeyTests : IDisposable
{
    private readonly ManualTimeProvider _time = new() { ManualTimers = true };
    private readonly CountingKeyStore _store = new();
    private readonly CountingHasher _hasher = new();
    private readonly VerifiedKeyCache _cache = new();
    private readonly LiteDatabase _database = new(":memory:");
    private readonly LiteDbAccountStore _accounts;
    private readonly ApiKeyVerifier _verifier;

    public DisabledAccountKeyTests()
    {
        _accounts = new LiteDbAccountStore(_database);
        var throttle = new KeySecretThrottle(Options.Create(new ThrottleOptions()), _time);
        _verifier = new ApiKeyVerifier(_store, _hasher, _cache, throttle, _time, metrics: null, accounts: _accounts);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_disabled_accounts_key_is_key_disabled_from_memory_and_works_again_once_enabled()
    {
        await _accounts.TryCreateAsync(new AccountRecord("acc-1", "a@b.co", "a@b.co", "hash", _time.GetUtcNow(), null), default);
        var (material, _) = await StoreKeyAsync("own");
        (await _verifier.VerifyAsync(material.Plaintext, default)).Succeeded.ShouldBeTrue();

        await _accounts.UpdateDisabledAsync("acc-1", _time.GetUtcNow(), default);
        _cache.Evict(material.KeyId);
        var finds = _store.Finds;

        for (var i = 0; i < 3; i++)
        {
            var refused = await _verifier.VerifyAsync(material.Plaintext, default);
            refused.FailureCode.ShouldBe("key_disabled");
            refused.Record!.AccountId.ShouldBe("acc-1", "the refusal is tied to its owner for the rejections log");
        }
        _store.Finds.ShouldBe(finds + 1, "refused from memory after the first look");
        (await _verifier.VerifyAsync(WrongSecret(material), default)).FailureCode.ShouldBe("key_invalid",
            "only the holder of the secret learns the account is disabled");

        await _accounts.UpdateDisabledAsync("acc-1", null, default);
        _cache.Evict(material.KeyId);
        (await _verifier.VerifyAsync(material.Plaintext, default)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task A_revoked_key_stays_key_revoked_and_a_teams_key_is_not_stopped()
    {
        await _accounts.TryCreateAsync(new AccountRecord("acc-1", "a@b.co", "a@b.co", "hash", _time.GetUtcNow(), null, DisabledAt: _time.GetUtcNow()), default);
        var (revoked, _) = await StoreKeyAsync("revoked", revokedAt: _time.GetUtcNow());
        (await _verifier.VerifyAsync(revoked.Plaintext, default)).FailureCode.ShouldBe("key_revoked");

        var (team, _) = await StoreKeyAsync("team", teamId: "team_1");
        (await _verifier.VerifyAsync(team.Plaintext, default)).Succeeded.ShouldBeTrue();
    }

    private async Task<(ApiKeyMaterial Material, ApiKeyRecord Record)> StoreKeyAsync(string name, DateTimeOffset? revokedAt = null, string? teamId = null)
    {
        var secret = SHA256.HashData(Encoding.ASCII.GetBytes($"secret {name}"))[..ApiKeyCodec.SecretBytes];
        var material = ApiKeyCodec.Format(true, (ulong)Random.Shared.NextInt64(), secret);
        var hash = await _hasher.HashAsync(material.Secret, HashPartition.Account("acc-1"), default);
        var record = new ApiKeyRecord
        {
            Id = material.KeyId,
            AccountId = teamId ?? "acc-1",
            TeamId = teamId,
            CreatedBy = "acc-1",
            Name = name,
            Chain = "kalp",
            Network = "testnet",
            IsTest = true,
            Display = material.Display,
            SecretHash = hash,
            SecretCheck = SecretCheck.Of(hash, material.Secret),
            CreatedAt = _time.GetUtcNow(),
            RevokedAt = revokedAt,
            RateLimitPerSecond = 10,
        };
        _store.Put(record);
        return (material, record);
    }

    // Same key id, another secret: a wrong secret for a known key.
    private static string WrongSecret(ApiKeyMaterial material)
    {
        ApiKeyCodec.TryParse(material.Plaintext, out var parsed).ShouldBeTrue();
        Base62.TryDecode(parsed.KeyId, ulong.MaxValue, out var publicId).ShouldBeTrue();
        var other = SHA256.HashData(Encoding.ASCII.GetBytes("not the secret"))[..ApiKeyCodec.SecretBytes];
        return ApiKeyCodec.Format(parsed.IsTest, publicId, other).Plaintext;
    }
}

using System.Security.Cryptography;
using System.Text;
using Keys.Tests.Support;
using KsQuery.Modules.Keys.ApiKeys.Restrictions;
using KsQuery.Modules.Keys.Authentication;
using KsQuery.Modules.Keys.CacheSync;
using KsQuery.Modules.Keys.Hashing;
using KsQuery.Modules.Keys.KeyFormat;
using KsQuery.Modules.Keys.Storage;
using KsQuery.Modules.Keys.Throttling;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Keys.Tests.CacheSync;

/// <summary>The bound on a missed eviction: every <c>Store:Revalidation</c> the verified keys are checked against the store,
/// and each one changed there (revoked, rolled, restricted, limited, expiring, its account disabled, deleted) is evicted,
/// so its next call reads the store again.</summary>
public sealed class VerifiedKeyRevalidatorTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly CountingKeyStore _store = new();
    private readonly CountingHasher _hasher = new();
    private readonly VerifiedKeyCache _cache = new();
    private readonly SignallingCache _evictions;
    private readonly LiteDatabase _database = new(":memory:");
    private readonly LiteDbAccountStore _accounts;
    private readonly ApiKeyVerifier _verifier;
    private readonly VerifiedKeyRevalidator _revalidator;

    public VerifiedKeyRevalidatorTests()
    {
        _accounts = new LiteDbAccountStore(_database);
        _evictions = new SignallingCache(_cache);
        _verifier = new ApiKeyVerifier(_store, _hasher, _cache, new KeySecretThrottle(Options.Create(new ThrottleOptions()), _time), _time,
            metrics: null, accounts: _accounts);
        _revalidator = new VerifiedKeyRevalidator(_cache, _evictions, _store, _accounts, _time);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_key_revoked_in_the_store_by_another_instance_stops_working_here_at_the_next_revalidation_and_not_before()
    {
        await CreateAccountAsync();
        var (material, record) = await StoreKeyAsync("main");
        (await _verifier.VerifyAsync(material.Plaintext, default)).Succeeded.ShouldBeTrue();
        using var service = new KeyRevalidationService(_revalidator, Options.Create(new KeyCacheSyncOptions { Revalidation = Interval }), _time,
            NullLogger<KeyRevalidationService>.Instance);
        await service.StartAsync(default);

        // Another instance revokes it; its eviction message never arrives here.
        _store.Put(record with { RevokedAt = _time.GetUtcNow(), RevokeAt = _time.GetUtcNow() });
        _time.Advance(Interval - TimeSpan.FromSeconds(1));
        (await _verifier.VerifyAsync(material.Plaintext, default)).Succeeded.ShouldBeTrue("the cache answers until the revalidation");

        _time.Advance(TimeSpan.FromSeconds(1));
        (await _evictions.Evicted.Task.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe(record.Id);
        (await _verifier.VerifyAsync(material.Plaintext, default)).FailureCode.ShouldBe("key_revoked");
        await service.StopAsync(default);
    }

    [Fact]
    public async Task Keys_unchanged_in_the_store_stay_verified_without_hashing_again()
    {
        await CreateAccountAsync();
        var (material, _) = await StoreKeyAsync("main");
        var (revoked, _) = await StoreKeyAsync("revoked", revokedAt: _time.GetUtcNow());
        (await _verifier.VerifyAsync(material.Plaintext, default)).Succeeded.ShouldBeTrue();
        (await _verifier.VerifyAsync(revoked.Plaintext, default)).FailureCode.ShouldBe("key_revoked");
        var hashes = _hasher.Verifications;

        (await _revalidator.RevalidateAsync(default)).ShouldBe(0);

        _cache.Count.ShouldBe(2);
        (await _verifier.VerifyAsync(material.Plaintext, default)).Succeeded.ShouldBeTrue();
        _hasher.Verifications.ShouldBe(hashes);
    }

    [Fact]
    public async Task Each_change_made_elsewhere_evicts_the_key_it_concerns()
    {
        await CreateAccountAsync();
        var keys = new Dictionary<string, (ApiKeyMaterial Material, ApiKeyRecord Record)>();
        foreach (var name in new[] { "restricted", "limited", "quota", "expiring", "rolled", "deleted", "untouched" })
        {
            keys[name] = await StoreKeyAsync(name);
            (await _verifier.VerifyAsync(keys[name].Material.Plaintext, default)).Succeeded.ShouldBeTrue();
        }
        _store.Put(keys["restricted"].Record with { Restrictions = KeyRestrictions.None with { IpRanges = ["10.0.0.0/8"] } });
        _store.Put(keys["limited"].Record with { RateLimitPerSecond = 1 });
        _store.Put(keys["quota"].Record with { MonthlyQuota = 10 });
        _store.Put(keys["expiring"].Record with { ExpiresAt = _time.GetUtcNow().AddDays(1) });
        _store.Put(keys["rolled"].Record with { RevokeAt = _time.GetUtcNow().AddHours(1) });
        _store.Remove(keys["deleted"].Record.Id);

        (await _revalidator.RevalidateAsync(default)).ShouldBe(6);

        _cache.Entries.Select(e => e.Key.KeyId).ShouldBe([keys["untouched"].Record.Id]);
    }

    [Fact]
    public async Task Disabling_the_account_elsewhere_evicts_its_own_keys_and_the_next_call_is_key_disabled()
    {
        await CreateAccountAsync();
        var (material, _) = await StoreKeyAsync("main");
        (await _verifier.VerifyAsync(material.Plaintext, default)).Succeeded.ShouldBeTrue();

        await _accounts.UpdateDisabledAsync("acc-1", _time.GetUtcNow(), default);
        (await _revalidator.RevalidateAsync(default)).ShouldBe(1);

        (await _verifier.VerifyAsync(material.Plaintext, default)).FailureCode.ShouldBe("key_disabled");
        (await _revalidator.RevalidateAsync(default)).ShouldBe(0, "the disabled key as cached now matches the store");
    }

    private Task CreateAccountAsync() =>
        _accounts.TryCreateAsync(new AccountRecord("acc-1", "a@b.co", "a@b.co", "hash", _time.GetUtcNow(), null), default);

    private async Task<(ApiKeyMaterial Material, ApiKeyRecord Record)> StoreKeyAsync(string name, DateTimeOffset? revokedAt = null)
    {
        var secret = SHA256.HashData(Encoding.ASCII.GetBytes($"secret {name}"))[..ApiKeyCodec.SecretBytes];
        var material = ApiKeyCodec.Format(true, (ulong)Random.Shared.NextInt64(), secret);
        var hash = await _hasher.HashAsync(material.Secret, HashPartition.Account("acc-1"), default);
        var record = new ApiKeyRecord
        {
            Id = material.KeyId,
            AccountId = "acc-1",
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
            RevokeAt = revokedAt,
            RateLimitPerSecond = 10,
            MonthlyQuota = 1000,
        };
        _store.Put(record);
        return (material, record);
    }

    /// <summary>The real cache, telling the test which key was evicted first.</summary>
    private sealed class SignallingCache(VerifiedKeyCache cache) : IVerifiedKeyCache
    {
        public TaskCompletionSource<string> Evicted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Evict(string keyId)
        {
            cache.Evict(keyId);
            Evicted.TrySetResult(keyId);
        }
    }
}

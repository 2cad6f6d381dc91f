using System.Security.Cryptography;
using System.Text;
using Keys.Tests.Support;
using KsQuery.Modules.Keys.Hashing;
using KsQuery.Modules.Keys.Authentication;
using KsQuery.Modules.Keys.KeyFormat;
using KsQuery.Modules.Keys.Storage;
using KsQuery.Modules.Keys.Throttling;
using Microsoft.Extensions.Options;

namespace Keys.Tests.Authentication;

public class ApiKeyVerifierTests
{
    private readonly ManualTimeProvider _time = new() { ManualTimers = true };
    private readonly CountingKeyStore _store = new();
    private readonly CountingHasher _hasher = new();
    private readonly VerifiedKeyCache _cache = new();
    private readonly ApiKeyVerifier _verifier;
    private readonly KeySecretThrottle _throttle;
    private int _secrets;

    public ApiKeyVerifierTests()
    {
        _throttle = Throttle(TimeSpan.FromSeconds(1));
        _verifier = new ApiKeyVerifier(_store, _hasher, _cache, _throttle, _time);
    }

    private KeySecretThrottle Throttle(TimeSpan refusalDelay) => new(Options.Create(new ThrottleOptions
    {
        KeySecretFailuresPerKey = 3,
        KeySecretWindow = TimeSpan.FromMinutes(1),
        KeySecretRefusalDelay = refusalDelay,
    }), _time);

    /// <summary>A verifier as after a restart: nothing verified in memory, the same store.</summary>
    private ApiKeyVerifier Restarted(TimeSpan? refusalDelay = null) =>
        new(_store, _hasher, new VerifiedKeyCache(), Throttle(refusalDelay ?? TimeSpan.Zero), _time);

    /// <summary>Stores a key as the issuer does. Secrets are fixed per test (not random), so which wrong secrets pass the
    /// 16-bit secret check is the same in every run. <paramref name="withCheck"/> false: a key issued before checks.</summary>
    private async Task<(ApiKeyMaterial Material, ApiKeyRecord Record)> StoreKeyAsync(
        bool isTest = true, DateTimeOffset? expiresAt = null, DateTimeOffset? revokeAt = null, DateTimeOffset? revokedAt = null,
        bool withCheck = true)
    {
        var secret = SHA256.HashData(Encoding.ASCII.GetBytes($"secret {++_secrets}"))[..ApiKeyCodec.SecretBytes];
        var material = ApiKeyCodec.Format(isTest, (ulong)Random.Shared.NextInt64(), secret);
        var hash = await _hasher.HashAsync(material.Secret, HashPartition.Account("acc-1"), default);
        var record = new ApiKeyRecord
        {
            Id = material.KeyId,
            AccountId = "acc-1",
            Name = "main",
            Chain = "kalp",
            Network = "testnet",
            IsTest = isTest,
            Display = material.Display,
            SecretHash = hash,
            SecretCheck = withCheck ? SecretCheck.Of(hash, material.Secret) : null,
            CreatedAt = _time.GetUtcNow(),
            ExpiresAt = expiresAt,
            RevokeAt = revokeAt,
            RevokedAt = revokedAt,
            RateLimitPerSecond = 100,
            MonthlyQuota = 5000,
        };
        _store.Put(record);
        return (material, record);
    }

    [Fact]
    public async Task Missing_key_is_key_missing_without_store_or_hash()
    {
        (await _verifier.VerifyAsync(null, default)).FailureCode.ShouldBe("key_missing");
        (await _verifier.VerifyAsync("", default)).FailureCode.ShouldBe("key_missing");
        _store.Finds.ShouldBe(0);
        _hasher.Verifications.ShouldBe(0);
    }

    [Fact]
    public async Task Bad_checksum_is_rejected_before_any_store_lookup_or_hash()
    {
        var (material, _) = await StoreKeyAsync();
        var last = material.Plaintext[^1];
        var mistyped = material.Plaintext[..^1] + (last == 'a' ? 'b' : 'a');

        var result = await _verifier.VerifyAsync(mistyped, default);

        result.FailureCode.ShouldBe("key_invalid");
        _store.Finds.ShouldBe(0);
        _hasher.Verifications.ShouldBe(0);
    }

    [Fact]
    public async Task First_call_hashes_once_and_later_calls_need_no_hash_and_no_store_read()
    {
        var (material, record) = await StoreKeyAsync();

        var first = await _verifier.VerifyAsync(material.Plaintext, default);
        first.Succeeded.ShouldBeTrue();
        first.Key!.KeyId.ShouldBe(record.Id);
        first.Key.AccountId.ShouldBe("acc-1");
        first.Key.Chain.ShouldBe("kalp");
        first.Key.RateLimitPerSecond.ShouldBe(100);
        first.Key.MonthlyQuota.ShouldBe(5000);
        _hasher.Verifications.ShouldBe(1);
        _store.Finds.ShouldBe(1);

        for (var i = 0; i < 50; i++)
            (await _verifier.VerifyAsync(material.Plaintext, default)).Succeeded.ShouldBeTrue();

        _hasher.Verifications.ShouldBe(1);
        _store.Finds.ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_first_calls_share_one_verification()
    {
        var (material, _) = await StoreKeyAsync();
        _hasher.VerifyDelay = TimeSpan.FromMilliseconds(100);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _verifier.VerifyAsync(material.Plaintext, default).AsTask()));

        results.ShouldAllBe(r => r.Succeeded);
        _hasher.Verifications.ShouldBe(1);
    }

    [Fact]
    public async Task Unknown_key_id_is_key_invalid_without_a_store_read()
    {
        var unknown = ApiKeyCodec.Generate(true).Plaintext;
        (await _verifier.VerifyAsync(unknown, default)).FailureCode.ShouldBe("key_invalid");
        _store.Finds.ShouldBe(0);
        _hasher.Verifications.ShouldBe(0);
    }

    [Fact]
    public async Task Wrong_secret_for_a_known_id_is_key_invalid()
    {
        var (material, record) = await StoreKeyAsync();
        var forged = Forge(material);

        var result = await _verifier.VerifyAsync(forged, default);

        result.FailureCode.ShouldBe("key_invalid");
        result.Record!.Id.ShouldBe(record.Id);
        _hasher.Verifications.ShouldBe(0, "refused by the secret check");
    }

    [Fact]
    public async Task Wrong_secrets_for_a_cached_key_are_throttled_too_while_its_real_secret_still_passes_at_once()
    {
        var (material, _) = await StoreKeyAsync();
        (await _verifier.VerifyAsync(material.Plaintext, default)).Succeeded.ShouldBeTrue();
        for (var i = 0; i < 3; i++)
            (await _verifier.VerifyAsync(Forge(material), default)).FailureCode.ShouldBe("key_invalid");

        var throttled = _verifier.VerifyAsync(Forge(material), default).AsTask();
        throttled.IsCompleted.ShouldBeFalse();
        var real = _verifier.VerifyAsync(material.Plaintext, default);
        real.IsCompletedSuccessfully.ShouldBeTrue("the key's own traffic is not held back");
        (await real).Succeeded.ShouldBeTrue();
        _time.Advance(TimeSpan.FromSeconds(1));
        (await throttled).FailureCode.ShouldBe("key_invalid");
        _hasher.Verifications.ShouldBe(1);
    }

    [Fact]
    public async Task Wrong_secret_for_a_cached_key_costs_no_hash()
    {
        var (material, _) = await StoreKeyAsync();
        (await _verifier.VerifyAsync(material.Plaintext, default)).Succeeded.ShouldBeTrue();

        (await _verifier.VerifyAsync(Forge(material), default)).FailureCode.ShouldBe("key_invalid");

        _hasher.Verifications.ShouldBe(1);
    }

    [Fact]
    public async Task Repeated_wrong_secrets_for_one_key_wait_before_their_refusal_while_its_real_secret_passes()
    {
        var (material, _) = await StoreKeyAsync();
        for (var i = 0; i < 3; i++)
            (await _verifier.VerifyAsync(Forge(material, i), default)).FailureCode.ShouldBe("key_invalid");

        var throttled = _verifier.VerifyAsync(Forge(material, 3), default).AsTask();
        throttled.IsCompleted.ShouldBeFalse("refusals for a throttled key id wait");
        (await _verifier.VerifyAsync(material.Plaintext, default)).Succeeded.ShouldBeTrue("the right secret is never refused");
        _time.Advance(TimeSpan.FromSeconds(1));
        (await throttled).FailureCode.ShouldBe("key_invalid");
    }

    [Fact]
    public async Task For_a_key_without_a_check_repeated_wrong_secrets_stop_costing_hashes()
    {
        var (material, _) = await StoreKeyAsync(withCheck: false);
        for (var i = 0; i < 3; i++)
            (await _verifier.VerifyAsync(Forge(material, i), default)).FailureCode.ShouldBe("key_invalid");

        var throttled = _verifier.VerifyAsync(Forge(material, 3), default).AsTask();
        throttled.IsCompleted.ShouldBeFalse("refusals for a throttled key id wait");
        _time.Advance(TimeSpan.FromSeconds(1));
        (await throttled).FailureCode.ShouldBe("key_invalid");
        _hasher.Verifications.ShouldBe(3);

        _time.Advance(TimeSpan.FromMinutes(1));
        (await _verifier.VerifyAsync(material.Plaintext, default)).Succeeded.ShouldBeTrue();
        _hasher.Verifications.ShouldBe(4);
    }

    [Fact]
    public async Task Key_of_the_other_prefix_is_key_invalid()
    {
        var (material, _) = await StoreKeyAsync(isTest: true);
        // Same id and secret under the other prefix, with a checksum that matches it.
        var sameIdLive = ApiKeyCodec.Format(false, IdOf(material), material.Secret).Plaintext;

        (await _verifier.VerifyAsync(sameIdLive, default)).FailureCode.ShouldBe("key_invalid");
        _hasher.Verifications.ShouldBe(0);
    }

    [Fact]
    public async Task Revoked_key_is_key_revoked_for_its_secret_only_and_told_from_memory_after_one_hash()
    {
        var (material, record) = await StoreKeyAsync(revokedAt: _time.GetUtcNow());

        var wrong = await _verifier.VerifyAsync(Forge(material), default);
        wrong.FailureCode.ShouldBe("key_invalid");
        wrong.Record!.Id.ShouldBe(record.Id, "still tied to its owner's rejections log");
        _hasher.Verifications.ShouldBe(0);

        (await _verifier.VerifyAsync(material.Plaintext, default)).FailureCode.ShouldBe("key_revoked");
        (await _verifier.VerifyAsync(material.Plaintext, default)).FailureCode.ShouldBe("key_revoked");
        (await _verifier.VerifyAsync(Forge(material), default)).FailureCode.ShouldBe("key_invalid");
        _hasher.Verifications.ShouldBe(1);
    }

    [Fact]
    public async Task Expired_key_is_key_expired_for_its_secret_only()
    {
        var (material, _) = await StoreKeyAsync(expiresAt: _time.GetUtcNow());

        (await _verifier.VerifyAsync(Forge(material), default)).FailureCode.ShouldBe("key_invalid");
        (await _verifier.VerifyAsync(material.Plaintext, default)).FailureCode.ShouldBe("key_expired");
    }

    [Fact]
    public async Task Revoked_key_of_an_old_issue_without_a_check_is_hashed_before_its_status_is_told()
    {
        var (material, _) = await StoreKeyAsync(revokedAt: _time.GetUtcNow(), withCheck: false);

        (await _verifier.VerifyAsync(Forge(material), default)).FailureCode.ShouldBe("key_invalid");
        (await _verifier.VerifyAsync(material.Plaintext, default)).FailureCode.ShouldBe("key_revoked");
        _hasher.Verifications.ShouldBe(2);
    }

    [Fact]
    public async Task Wrong_secrets_that_fail_the_secret_check_cost_no_hash_and_no_lock_out_even_after_a_restart()
    {
        var (material, _) = await StoreKeyAsync();
        var restarted = Restarted();

        var passed = 0;
        for (var i = 0; i < 1000; i++)
        {
            var forged = Forge(material, i);
            passed += PassesCheck(material, forged) ? 1 : 0;
            (await restarted.VerifyAsync(forged, default)).FailureCode.ShouldBe("key_invalid");
        }
        _hasher.Verifications.ShouldBe(passed, "only wrong secrets that pass the 16-bit check reach Argon2");
        passed.ShouldBeLessThan(3);

        (await restarted.VerifyAsync(material.Plaintext, default)).Succeeded.ShouldBeTrue();
        _hasher.Verifications.ShouldBe(passed + 1);
    }

    [Fact]
    public async Task A_wrong_secret_that_passes_the_check_is_hashed_once_and_its_replays_are_refused_without_a_hash()
    {
        var (material, _) = await StoreKeyAsync();
        var restarted = Restarted();
        var lucky = Enumerable.Range(0, 1_000_000).Select(i => Forge(material, i)).First(f => PassesCheck(material, f));

        for (var i = 0; i < 20; i++)
            (await restarted.VerifyAsync(lucky, default)).FailureCode.ShouldBe("key_invalid");

        _hasher.Verifications.ShouldBe(1);
        (await restarted.VerifyAsync(material.Plaintext, default)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task A_key_without_a_check_gets_one_at_its_first_verification_and_is_then_safe_from_lock_out()
    {
        var (material, record) = await StoreKeyAsync(withCheck: false);

        (await _verifier.VerifyAsync(material.Plaintext, default)).Succeeded.ShouldBeTrue();

        _store.Get(record.Id).SecretCheck.ShouldBe(SecretCheck.Of(record.SecretHash, material.Secret));
        var restarted = Restarted();
        for (var i = 0; i < 50; i++)
            (await restarted.VerifyAsync(Forge(material, i), default)).FailureCode.ShouldBe("key_invalid");
        (await restarted.VerifyAsync(material.Plaintext, default)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Parallel_wrong_secrets_for_a_key_without_a_check_reach_the_hash_at_most_the_limit_of_times()
    {
        var (material, _) = await StoreKeyAsync(withCheck: false);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _hasher.BeforeVerify = () => release.Task;
        var restarted = Restarted();

        var pending = Enumerable.Range(0, 100).Select(i => restarted.VerifyAsync(Forge(material, i), default).AsTask()).ToArray();
        pending.Count(p => p.IsCompleted).ShouldBe(97, "refused at once, without a hash");
        release.SetResult();

        (await Task.WhenAll(pending)).ShouldAllBe(r => r.FailureCode == "key_invalid");
        _hasher.Verifications.ShouldBe(3);
    }

    [Fact]
    public async Task Revocation_takes_effect_on_the_next_call_after_eviction()
    {
        var (material, record) = await StoreKeyAsync();
        (await _verifier.VerifyAsync(material.Plaintext, default)).Succeeded.ShouldBeTrue();

        _store.Put(record with { RevokedAt = _time.GetUtcNow() });
        _cache.Evict(record.Id);

        (await _verifier.VerifyAsync(material.Plaintext, default)).FailureCode.ShouldBe("key_revoked");
    }

    [Fact]
    public async Task Expired_key_is_key_expired_even_when_cached()
    {
        var (material, _) = await StoreKeyAsync(expiresAt: _time.GetUtcNow().AddMinutes(10));
        (await _verifier.VerifyAsync(material.Plaintext, default)).Succeeded.ShouldBeTrue();

        _time.Advance(TimeSpan.FromMinutes(10));

        (await _verifier.VerifyAsync(material.Plaintext, default)).FailureCode.ShouldBe("key_expired");
        (await _verifier.VerifyAsync(material.Plaintext, default)).FailureCode.ShouldBe("key_expired");
        _hasher.Verifications.ShouldBe(1);
    }

    [Fact]
    public async Task Rolled_key_works_until_its_grace_period_ends()
    {
        var (material, _) = await StoreKeyAsync(revokeAt: _time.GetUtcNow().AddSeconds(30));
        (await _verifier.VerifyAsync(material.Plaintext, default)).Succeeded.ShouldBeTrue();

        _time.Advance(TimeSpan.FromSeconds(29));
        (await _verifier.VerifyAsync(material.Plaintext, default)).Succeeded.ShouldBeTrue();

        _time.Advance(TimeSpan.FromSeconds(1));
        (await _verifier.VerifyAsync(material.Plaintext, default)).FailureCode.ShouldBe("key_revoked");
    }

    [Fact]
    public async Task A_connection_memo_never_lets_another_secret_of_the_same_key_id_through()
    {
        var (material, _) = await StoreKeyAsync();
        var memo = new ConnectionKeyMemo();
        (await _verifier.VerifyAsync(material.Plaintext, memo, default)).Succeeded.ShouldBeTrue();
        (await _verifier.VerifyAsync(material.Plaintext, memo, default)).Succeeded.ShouldBeTrue();

        (await _verifier.VerifyAsync(Forge(material), memo, default)).FailureCode.ShouldBe("key_invalid");
        (await _verifier.VerifyAsync(material.Plaintext, memo, default)).Succeeded.ShouldBeTrue();
        (await _verifier.VerifyAsync(Forge(material), memo, default)).FailureCode.ShouldBe("key_invalid");
    }

    [Fact]
    public async Task A_connection_memo_does_not_outlive_revocation_or_expiry()
    {
        var (material, record) = await StoreKeyAsync(expiresAt: _time.GetUtcNow().AddMinutes(10));
        var memo = new ConnectionKeyMemo();
        (await _verifier.VerifyAsync(material.Plaintext, memo, default)).Succeeded.ShouldBeTrue();
        (await _verifier.VerifyAsync(material.Plaintext, memo, default)).Succeeded.ShouldBeTrue();

        _store.Put(record with { RevokedAt = _time.GetUtcNow() });
        _cache.Evict(record.Id);
        (await _verifier.VerifyAsync(material.Plaintext, memo, default)).FailureCode.ShouldBe("key_revoked");

        var (other, _) = await StoreKeyAsync(expiresAt: _time.GetUtcNow().AddMinutes(10));
        (await _verifier.VerifyAsync(other.Plaintext, memo, default)).Succeeded.ShouldBeTrue();
        _time.Advance(TimeSpan.FromMinutes(10));
        (await _verifier.VerifyAsync(other.Plaintext, memo, default)).FailureCode.ShouldBe("key_expired");
    }

    [Fact]
    public void A_connection_memo_recalls_only_the_very_key_it_saw()
    {
        var memo = new ConnectionKeyMemo();
        Span<byte> fingerprint = stackalloc byte[32];
        memo.TryRecall("ksq_test_a", fingerprint).ShouldBeFalse();

        memo.Remember("ksq_test_a", Enumerable.Repeat((byte)7, 32).ToArray());
        memo.TryRecall("ksq_test_b", fingerprint).ShouldBeFalse();
        memo.TryRecall("ksq_test_a", fingerprint).ShouldBeTrue();
        fingerprint.ToArray().ShouldAllBe(b => b == 7);
    }

    [Fact]
    public void Cache_drops_an_entry_read_before_a_later_eviction()
    {
        var material = ApiKeyCodec.Generate(true);
        var entry = new CachedKey(new KsQuery.Contracts.Http.VerifiedKey(material.KeyId, "a", "c", "n", material.Display, 1, null), new byte[32], null, null);
        var version = _cache.Version;

        _cache.Evict(material.KeyId);
        _cache.TryAdd(entry, version);

        _cache.TryGet(material.KeyId, out _).ShouldBeFalse();
        _cache.TryAdd(entry, _cache.Version);
        _cache.TryGet(material.KeyId, out _).ShouldBeTrue();
    }

    private static ulong IdOf(ApiKeyMaterial material)
    {
        Base62.TryDecode(material.KeyId, ulong.MaxValue, out var id).ShouldBeTrue();
        return id;
    }

    /// <summary>A well-formed key (valid checksum) with the same id and another secret; each variant another one.</summary>
    private static string Forge(ApiKeyMaterial material, int variant = 0)
    {
        var secret = (byte[])material.Secret.Clone();
        secret[0] ^= 0xFF;
        BitConverter.TryWriteBytes(secret.AsSpan(1), variant ^ BitConverter.ToInt32(secret, 1)).ShouldBeTrue();
        return ApiKeyCodec.Format(material.IsTest, IdOf(material), secret).Plaintext;
    }

    private bool PassesCheck(ApiKeyMaterial material, string forged)
    {
        ApiKeyCodec.TryParse(forged, out var parsed).ShouldBeTrue();
        var record = _store.Get(material.KeyId);
        return SecretCheck.Of(record.SecretHash, parsed.Secret) == record.SecretCheck;
    }
}

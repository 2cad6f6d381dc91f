using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Hashing;
using KsQuery.Modules.Keys.KeyFormat;
using KsQuery.Modules.Keys.Storage;
using KsQuery.Modules.Keys.Telemetry;
using KsQuery.Modules.Keys.Throttling;

namespace KsQuery.Modules.Keys.Authentication;

/// <summary>
/// Checks a presented API key in the order of docs/api.md: missing, format and checksum (no store access), unknown, the
/// secret, then revoked and expired: whether a key was revoked or has expired is told only to whoever holds its secret;
/// a wrong secret is <c>key_invalid</c> whatever the key's state. Argon2 runs only for a key not verified before, and
/// only for a secret that passes the key's <see cref="SecretCheck"/>, so a flood of wrong secrets for a known id costs
/// no hashing and never has to lock out the right secret. After that the <see cref="VerifiedKeyCache"/> answers with a
/// SHA-256 comparison and no store read.
/// </summary>
internal sealed class ApiKeyVerifier(
    IApiKeyStore store,
    ISecretHasher hasher,
    VerifiedKeyCache cache,
    KeySecretThrottle throttle,
    TimeProvider time,
    KeysMetrics? metrics = null,
    IAccountStore? accounts = null)
{
    // Concurrent first calls with the same key share one verification instead of each hashing.
    private readonly ConcurrentDictionary<string, Lazy<Task<KeyVerification>>> _inFlight = new(StringComparer.Ordinal);
    private readonly RefutedSecrets _refuted = new();

    /// <summary>Answers from memory, without allocating, for a key verified before (and for malformed or invented
    /// keys); only a key not yet in the cache goes on to the store and Argon2id.</summary>
    public ValueTask<KeyVerification> VerifyAsync(string? presented, CancellationToken cancellationToken) =>
        VerifyAsync(presented, null, cancellationToken);

    /// <inheritdoc cref="VerifyAsync(string?, CancellationToken)"/>
    /// <param name="memo">The connection's last key and fingerprint, reused when the same key comes again.</param>
    public ValueTask<KeyVerification> VerifyAsync(string? presented, ConnectionKeyMemo? memo, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(presented))
            return ValueTask.FromResult(KeyVerification.Fail(KeyFailureCodes.Missing));
        // The memo only ever holds a key that passed the format check below, with its fingerprint.
        Span<byte> fingerprint = stackalloc byte[SHA256.HashSizeInBytes];
        var recalled = memo is not null && memo.TryRecall(presented, fingerprint);
        if (!recalled && !ApiKeyCodec.IsWellFormed(presented, out _))
            return ValueTask.FromResult(KeyVerification.Fail(KeyFailureCodes.Invalid));
        var keyId = ApiKeyCodec.PublicId(presented);
        var hit = cache.TryGet(keyId, out var cached);
        metrics?.CacheLookup(hit);
        if (hit)
        {
            if (!recalled)
            {
                Fingerprint(presented, fingerprint);
                memo?.Remember(presented, fingerprint);
            }
            var result = CheckCached(cached, fingerprint);
            if (result.FailureCode != KeyFailureCodes.Invalid)
                return ValueTask.FromResult(result);
            var wasBlocked = throttle.IsBlocked(cached.Key.KeyId);
            throttle.RecordFailure(cached.Key.KeyId);
            return wasBlocked ? RefuseLaterAsync(result, cancellationToken) : ValueTask.FromResult(result);
        }
        if (!store.MayExist(keyId))
            return ValueTask.FromResult(KeyVerification.Fail(KeyFailureCodes.Invalid));
        if (!recalled)
            Fingerprint(presented, fingerprint);
        return VerifyStoredAsync(presented, fingerprint, cancellationToken);
    }

    // Apart from the cached path above: the lambda's captured variables would make every call allocate their closure.
    private ValueTask<KeyVerification> VerifyStoredAsync(string presented, ReadOnlySpan<byte> fingerprint, CancellationToken cancellationToken)
    {
        if (!ApiKeyCodec.TryParse(presented, out var parsed))
            return ValueTask.FromResult(KeyVerification.Fail(KeyFailureCodes.Invalid));

        var owned = fingerprint.ToArray();
        var flightKey = string.Concat(parsed.KeyId, ":", Convert.ToHexString(owned));
        var flight = _inFlight.GetOrAdd(flightKey, k => new Lazy<Task<KeyVerification>>(() => FlyAsync(k, parsed, owned)));
        var throttled = throttle.IsBlocked(parsed.KeyId);
        return new ValueTask<KeyVerification>(AwaitFlightAsync(flight.Value, throttled, cancellationToken));
    }

    private async Task<KeyVerification> AwaitFlightAsync(Task<KeyVerification> flight, bool wasBlocked, CancellationToken cancellationToken)
    {
        var result = await flight.WaitAsync(cancellationToken);
        return wasBlocked && result is { FailureCode: KeyFailureCodes.Invalid, Record: not null }
            ? await RefuseLaterAsync(result, cancellationToken)
            : result;
    }

    // A wrong secret for a real key id whose throttle was already exceeded: the refusal waits (see ThrottleOptions).
    private ValueTask<KeyVerification> RefuseLaterAsync(KeyVerification refusal, CancellationToken cancellationToken)
    {
        if (throttle.RefusalDelay <= TimeSpan.Zero)
            return ValueTask.FromResult(refusal);
        return new ValueTask<KeyVerification>(DelayAsync(refusal, throttle.RefusalDelay, time, cancellationToken));

        static async Task<KeyVerification> DelayAsync(KeyVerification refusal, TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
        {
            try
            {
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The client left; the refusal is still what happened (and what usage counts).
            }
            return refusal;
        }
    }

    private async Task<KeyVerification> FlyAsync(string flightKey, ParsedApiKey parsed, byte[] fingerprint)
    {
        try
        {
            return await VerifyUncachedAsync(parsed, fingerprint, flightKey);
        }
        finally
        {
            _inFlight.TryRemove(flightKey, out _);
        }
    }

    private KeyVerification CheckCached(CachedKey cached, ReadOnlySpan<byte> fingerprint)
    {
        if (!CryptographicOperations.FixedTimeEquals(fingerprint, cached.SecretSha256))
            return KeyVerification.Fail(KeyFailureCodes.Invalid, cached.Summary);
        if (cached.RevokeAt is not null || cached.ExpiresAt is not null)
        {
            var now = time.GetUtcNow();
            if (cached.RevokeAt <= now)
                return KeyVerification.Fail(cached.AccountDisabled ? KeyFailureCodes.Disabled : KeyFailureCodes.Revoked, cached.Summary);
            if (cached.ExpiresAt <= now)
                return KeyVerification.Fail(KeyFailureCodes.Expired, cached.Summary);
        }
        return KeyVerification.Success(cached.Key, cached.Restrictions);
    }

    // Not tied to one caller's cancellation: other callers may be waiting on the same verification.
    private async Task<KeyVerification> VerifyUncachedAsync(ParsedApiKey parsed, byte[] fingerprint, string flightKey)
    {
        var version = cache.Version;
        var record = await store.FindAsync(parsed.KeyId, CancellationToken.None);
        if (record is null || record.IsTest != parsed.IsTest)
            return KeyVerification.Fail(KeyFailureCodes.Invalid);

        var wrongSecret = KeyVerification.Fail(KeyFailureCodes.Invalid, ApiKeyRecordSummary.Of(record));
        var reservedAt = default(DateTimeOffset);
        if (record.SecretCheck is { } check)
        {
            if (SecretCheck.Of(record.SecretHash, parsed.Secret) != check || _refuted.Contains(flightKey))
            {
                throttle.RecordFailure(record.Id);
                return wrongSecret;
            }
        }
        else if (!throttle.TryReserve(record.Id, out reservedAt))
        {
            // Issued before secret checks: hashing is all that tells a wrong secret, so it is rationed per key id.
            return wrongSecret;
        }

        if (await hasher.VerifyAsync(parsed.Secret, record.SecretHash, HashPartition.KeyOwner(record.AccountId), CancellationToken.None) == HashVerification.Failed)
        {
            if (record.SecretCheck is not null)
            {
                _refuted.Add(flightKey);
                throttle.RecordFailure(record.Id);
            }
            return wrongSecret;
        }
        if (record.SecretCheck is null)
        {
            throttle.Release(record.Id, reservedAt);
            await store.SetSecretCheckAsync(record.Id, record.SecretHash, SecretCheck.Of(record.SecretHash, parsed.Secret), CancellationToken.None);
        }

        // Revoked and expired keys are remembered too: their holder is told so from memory, not with a hash per call.
        // So are the keys of a disabled account (a team's key has no account record: teams are not disabled); disabling
        // and enabling evict them, and the version taken above drops an entry read before that.
        var key = new VerifiedKey(record.Id, record.AccountId, record.Chain, record.Network, record.Display,
            record.RateLimitPerSecond, record.MonthlyQuota);
        var revokeAt = record.RevokedAt ?? record.RevokeAt;
        var disabled = record.TeamId is null && !(revokeAt <= time.GetUtcNow()) && accounts is not null
            && (await accounts.FindByIdAsync(record.AccountId, CancellationToken.None))?.DisabledAt is not null;
        var cached = new CachedKey(key, fingerprint, record.ExpiresAt, disabled ? DateTimeOffset.MinValue : revokeAt,
            CompiledRestrictions.Of(record.Restrictions), disabled);
        cache.TryAdd(cached, version);
        return CheckCached(cached, fingerprint);
    }

    /// <summary>SHA-256 of the whole presented key (prefix included), compared in constant time.</summary>
    private static void Fingerprint(string presented, Span<byte> destination)
    {
        Span<byte> ascii = stackalloc byte[ApiKeyCodec.KeyLength];
        var written = Encoding.ASCII.GetBytes(presented, ascii);
        SHA256.HashData(ascii[..written], destination);
    }
}

using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Throttling;

/// <summary>Wrong secrets presented for one API-key id. Once the id is over its limit, further wrong secrets wait
/// <see cref="RefusalDelay"/> for their 401. For a key issued before secret checks existed (no
/// <see cref="Storage.ApiKeyRecord.SecretCheck"/>), it also bounds the Argon2 work: each hash is reserved first.</summary>
internal sealed class KeySecretThrottle(IOptions<ThrottleOptions> options, TimeProvider time)
{
    private readonly FailureThrottle _keys = new(options.Value.KeySecretFailuresPerKey, options.Value.KeySecretWindow, time);

    public TimeSpan RefusalDelay { get; } = options.Value.KeySecretRefusalDelay;

    public bool IsBlocked(string keyId) => _keys.RetryAfter(keyId) is not null;

    public void RecordFailure(string keyId) => _keys.RecordFailure(keyId);

    /// <summary>Counts a hash of a presented secret as a failure before it runs; false when the id is over its limit.</summary>
    public bool TryReserve(string keyId, out DateTimeOffset reservedAt) => _keys.TryReserve(keyId, out reservedAt) is null;

    public void Release(string keyId, DateTimeOffset reservedAt) => _keys.Release(keyId, reservedAt);
}

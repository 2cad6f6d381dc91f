using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Throttling;

/// <summary>Wrong secrets presented for one API-key id: bounds the Argon2 work an attacker who knows a key id can cause.</summary>
internal sealed class KeySecretThrottle(IOptions<ThrottleOptions> options, TimeProvider time)
{
    private readonly FailureThrottle _keys = new(options.Value.KeySecretFailuresPerKey, options.Value.KeySecretWindow, time);

    public TimeSpan RefusalDelay { get; } = options.Value.KeySecretRefusalDelay;

    public bool IsBlocked(string keyId) => _keys.RetryAfter(keyId) is not null;

    public void RecordFailure(string keyId) => _keys.RecordFailure(keyId);
}

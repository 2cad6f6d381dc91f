using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Throttling;

/// <summary>Sign-ups per client address. Every sign-up costs an Argon2id hash, so each attempt counts, successful or
/// not, and is counted before its hash.</summary>
internal sealed class SignUpThrottle(IOptions<ThrottleOptions> options, TimeProvider time)
{
    private readonly FailureThrottle _addresses = new(options.Value.SignUpsPerAddress, options.Value.SignUpWindow, time);

    /// <summary>Counts a sign-up from <paramref name="address"/>: null when it may go ahead, else how long to wait.</summary>
    public TimeSpan? TryReserve(string? address) => address is null ? null : _addresses.TryReserve(address, out _);
}

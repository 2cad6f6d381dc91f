using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Throttling;

/// <summary>Password attempts per account (by normalized email, known or not) and per client address. Each attempt is
/// reserved before its password is hashed and counts as a failure unless it <see cref="Succeeded">succeeds</see>, so
/// parallel wrong passwords cannot all reach the hash before the first of them is counted.</summary>
internal sealed class LoginThrottle(IOptions<ThrottleOptions> options, TimeProvider time)
{
    private readonly FailureThrottle _accounts = new(options.Value.LoginFailuresPerAccount, options.Value.LoginWindow, time);
    private readonly FailureThrottle _addresses = new(options.Value.LoginFailuresPerAddress, options.Value.LoginWindow, time);

    /// <summary>Reserves one attempt for the account and one for the address: null when the password may be checked
    /// now, else how long the caller must wait (nothing is reserved then).</summary>
    public TimeSpan? TryReserve(string normalizedEmail, string? address, out PasswordAttempt attempt)
    {
        attempt = default;
        if (_accounts.TryReserve(normalizedEmail, out var accountAt) is { } accountWait)
            return accountWait;
        var addressAt = default(DateTimeOffset);
        if (address is not null && _addresses.TryReserve(address, out addressAt) is { } addressWait)
        {
            _accounts.Release(normalizedEmail, accountAt);
            return addressWait;
        }
        attempt = new PasswordAttempt(normalizedEmail, address, addressAt);
        return null;
    }

    /// <summary>The password was right: the account's failures are forgiven and the address's reservation taken back.</summary>
    public void Succeeded(PasswordAttempt attempt)
    {
        _accounts.Reset(attempt.NormalizedEmail);
        if (attempt.Address is not null)
            _addresses.Release(attempt.Address, attempt.AddressReservedAt);
    }
}

/// <summary>A reserved password attempt; it stays counted as a failure unless <see cref="LoginThrottle.Succeeded"/>.</summary>
internal readonly record struct PasswordAttempt(string NormalizedEmail, string? Address, DateTimeOffset AddressReservedAt);

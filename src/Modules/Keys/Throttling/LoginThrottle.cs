using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Throttling;

/// <summary>Failed password attempts per account (by normalized email, known or not) and per client address.</summary>
internal sealed class LoginThrottle(IOptions<ThrottleOptions> options, TimeProvider time)
{
    private readonly FailureThrottle _accounts = new(options.Value.LoginFailuresPerAccount, options.Value.LoginWindow, time);
    private readonly FailureThrottle _addresses = new(options.Value.LoginFailuresPerAddress, options.Value.LoginWindow, time);

    /// <summary>How long the caller must wait, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string normalizedEmail, string? address)
    {
        var account = _accounts.RetryAfter(normalizedEmail);
        var client = address is null ? null : _addresses.RetryAfter(address);
        return account is null ? client : client is null ? account : account > client ? account : client;
    }

    public void RecordFailure(string normalizedEmail, string? address)
    {
        _accounts.RecordFailure(normalizedEmail);
        if (address is not null)
            _addresses.RecordFailure(address);
    }

    public void RecordSuccess(string normalizedEmail) => _accounts.Reset(normalizedEmail);
}

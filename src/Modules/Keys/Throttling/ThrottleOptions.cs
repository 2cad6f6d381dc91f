namespace KsQuery.Modules.Keys.Throttling;

/// <summary>Failure throttles (configuration section <c>Keys:Throttling</c>); 0 failures disables one.</summary>
internal sealed class ThrottleOptions
{
    public const string Section = "Keys:Throttling";

    /// <summary>Failed logins (or reveal passwords) per account within <see cref="LoginWindow"/> before 429.</summary>
    public int LoginFailuresPerAccount { get; set; } = 5;

    /// <summary>Failed logins per client address within <see cref="LoginWindow"/> before 429.</summary>
    public int LoginFailuresPerAddress { get; set; } = 20;

    public TimeSpan LoginWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-ups (each costs a hash, successful or not) per client address within <see cref="SignUpWindow"/>
    /// before 429.</summary>
    public int SignUpsPerAddress { get; set; } = 20;

    public TimeSpan SignUpWindow { get; set; } = TimeSpan.FromHours(1);

    public const int MaxSignUpsPerAddress = 1_000_000;

    /// <summary>Wrong secrets per API-key id within <see cref="KeySecretWindow"/> before further unverified
    /// attempts for that id are refused without hashing.</summary>
    public int KeySecretFailuresPerKey { get; set; } = 10;

    public TimeSpan KeySecretWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long each further wrong secret for a throttled key id waits before its 401: a brute-force client
    /// gets a handful of tries per connection and second instead of crowding out the key's real traffic. Zero answers
    /// at once.</summary>
    public TimeSpan KeySecretRefusalDelay { get; set; } = TimeSpan.FromSeconds(1);

    public static readonly string Rule = "Keys:Throttling needs failure counts >= 0 (0 turns that throttle off), " +
        $"SignUpsPerAddress from 0 to {MaxSignUpsPerAddress} (0: off), LoginWindow and KeySecretWindow above 00:00:00, " +
        "SignUpWindow above 00:00:00 and at most 1.00:00:00, and KeySecretRefusalDelay between 00:00:00 and 00:01:00.";

    public bool IsValid =>
        LoginFailuresPerAccount >= 0 && LoginFailuresPerAddress >= 0 && KeySecretFailuresPerKey >= 0 &&
        LoginWindow > TimeSpan.Zero && KeySecretWindow > TimeSpan.Zero &&
        SignUpsPerAddress is >= 0 and <= MaxSignUpsPerAddress && SignUpWindow > TimeSpan.Zero && SignUpWindow <= TimeSpan.FromDays(1) &&
        KeySecretRefusalDelay >= TimeSpan.Zero && KeySecretRefusalDelay <= TimeSpan.FromMinutes(1);
}

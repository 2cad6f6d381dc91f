using KsQuery.Contracts.Settings;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Throttling;

/// <summary>Failure throttles (configuration section <c>Keys:Throttling</c>); 0 failures disables one.</summary>
internal sealed class ThrottleOptions
{
    public const string Section = "Keys:Throttling";

    /// <summary>Failed logins (or reveal passwords) per account within <see cref="LoginWindow"/> before 429.</summary>
    [SettingRange("Keys:Throttling:LoginFailuresPerAccount", 0, 1000, Note = "(0 turns it off)")]
    public int LoginFailuresPerAccount { get; set; } = 5;

    /// <summary>Failed logins per client address within <see cref="LoginWindow"/> before 429.</summary>
    [SettingRange("Keys:Throttling:LoginFailuresPerAddress", 0, 100_000, Note = "(0 turns it off)")]
    public int LoginFailuresPerAddress { get; set; } = 20;

    [SettingRange("Keys:Throttling:LoginWindow", "00:00:01", "1.00:00:00")]
    public TimeSpan LoginWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-ups (each costs a hash, successful or not) per client address within <see cref="SignUpWindow"/>
    /// before 429.</summary>
    [SettingRange("Keys:Throttling:SignUpsPerAddress", 0, MaxSignUpsPerAddress, Note = "(0 turns it off)")]
    public int SignUpsPerAddress { get; set; } = 20;

    [SettingRange("Keys:Throttling:SignUpWindow", "00:00:01", "1.00:00:00")]
    public TimeSpan SignUpWindow { get; set; } = TimeSpan.FromHours(1);

    public const int MaxSignUpsPerAddress = 1_000_000;

    /// <summary>Wrong secrets per API-key id within <see cref="KeySecretWindow"/> before further unverified
    /// attempts for that id are refused without hashing.</summary>
    [SettingRange("Keys:Throttling:KeySecretFailuresPerKey", 0, 1000, Note = "(0 turns it off)")]
    public int KeySecretFailuresPerKey { get; set; } = 10;

    [SettingRange("Keys:Throttling:KeySecretWindow", "00:00:01", "1.00:00:00")]
    public TimeSpan KeySecretWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long each further wrong secret for a throttled key id waits before its 401: a brute-force client
    /// gets a handful of tries per connection and second instead of crowding out the key's real traffic. Zero answers
    /// at once.</summary>
    [SettingRange("Keys:Throttling:KeySecretRefusalDelay", "00:00:00", "00:01:00")]
    public TimeSpan KeySecretRefusalDelay { get; set; } = TimeSpan.FromSeconds(1);
}

[OptionsValidator]
internal sealed partial class ThrottleOptionsValidator : IValidateOptions<ThrottleOptions>;

using KsQuery.Contracts.Settings;
using KsQuery.Modules.Keys.ApiKeys;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Configuration;

/// <summary>Configuration section <c>Keys</c>.</summary>
internal sealed class KeysOptions
{
    public const string Section = "Keys";

    /// <summary><c>rateLimitPerSecond</c> of a new key when the request leaves it out.</summary>
    [SettingRange("Keys:DefaultRateLimitPerSecond", 1, ApiKeyRules.MaxRateLimitPerSecond)]
    public int DefaultRateLimitPerSecond { get; set; } = 100;

    [SettingRange("Keys:AccessTokenLifetime", "00:01:00", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    [SettingRange("Keys:RefreshTokenLifetime", "00:01:00", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Keys an account may hold that are not revoked (expired ones count until revoked).</summary>
    [SettingRange("Keys:MaxKeysPerAccount", 1, MaxKeysPerAccountLimit)]
    public int MaxKeysPerAccount { get; set; } = 100;

    public const int MaxKeysPerAccountLimit = 100_000;

    /// <summary>How often in-memory <c>lastUsedAt</c> values are written to the store. Answers of this instance include the
    /// values not yet written; each write rewrites the document of every key used since the last one, so with thousands
    /// of keys in use a short interval costs much of the service's CPU (docs/performance.md, "Many active keys").</summary>
    [SettingRange("Keys:LastUsedFlushInterval", "00:00:00.010", "01:00:00")]
    public TimeSpan LastUsedFlushInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a team invitation's token can be accepted.</summary>
    [SettingRange("Keys:InvitationLifetime", "00:05:00", "30.00:00:00")]
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);
}

[OptionsValidator]
internal sealed partial class KeysOptionsValidator : IValidateOptions<KeysOptions>;

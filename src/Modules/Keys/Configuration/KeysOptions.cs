using KsQuery.Modules.Keys.ApiKeys;

namespace KsQuery.Modules.Keys.Configuration;

/// <summary>Configuration section <c>Keys</c>.</summary>
internal sealed class KeysOptions
{
    public const string Section = "Keys";

    /// <summary><c>rateLimitPerSecond</c> of a new key when the request leaves it out.</summary>
    public int DefaultRateLimitPerSecond { get; set; } = 100;

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Keys an account may hold that are not revoked (expired ones count until revoked).</summary>
    public int MaxKeysPerAccount { get; set; } = 100;

    public const int MaxKeysPerAccountLimit = 100_000;

    /// <summary>How often in-memory <c>lastUsedAt</c> values are written to the store.</summary>
    public TimeSpan LastUsedFlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    public static readonly string Rule = $"Keys needs DefaultRateLimitPerSecond from 1 to {ApiKeyRules.MaxRateLimitPerSecond} " +
        $"MaxKeysPerAccount from 1 to {MaxKeysPerAccountLimit} and AccessTokenLifetime, RefreshTokenLifetime and " +
        "LastUsedFlushInterval above 00:00:00.";

    public bool IsValid =>
        DefaultRateLimitPerSecond is >= 1 and <= ApiKeyRules.MaxRateLimitPerSecond &&
        MaxKeysPerAccount is >= 1 and <= MaxKeysPerAccountLimit &&
        AccessTokenLifetime > TimeSpan.Zero && RefreshTokenLifetime > TimeSpan.Zero && LastUsedFlushInterval > TimeSpan.Zero;
}

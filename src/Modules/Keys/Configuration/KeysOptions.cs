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

    /// <summary>How often in-memory <c>lastUsedAt</c> values are written to the store.</summary>
    public TimeSpan LastUsedFlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    public static readonly string Rule = $"Keys needs DefaultRateLimitPerSecond from 1 to {ApiKeyRules.MaxRateLimitPerSecond} " +
        "and AccessTokenLifetime, RefreshTokenLifetime and LastUsedFlushInterval above 00:00:00.";

    public bool IsValid =>
        DefaultRateLimitPerSecond is >= 1 and <= ApiKeyRules.MaxRateLimitPerSecond &&
        AccessTokenLifetime > TimeSpan.Zero && RefreshTokenLifetime > TimeSpan.Zero && LastUsedFlushInterval > TimeSpan.Zero;
}

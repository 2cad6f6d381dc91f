using KsQuery.Contracts.Settings;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.CacheSync;

/// <summary>Configuration section <c>Store</c>, read when <c>KSQUERY_STORE</c> selects PostgreSQL (several instances).</summary>
public sealed class KeyCacheSyncOptions
{
    public const string Section = "Store";

    /// <summary><c>Store:Revalidation</c>: how often every instance checks the keys it has verified against the store and
    /// drops those revoked, rolled, expired, edited or disabled meanwhile. Evictions reach the other instances at once
    /// (LISTEN/NOTIFY); this bounds how long a missed one can keep a stopped key working on an instance.</summary>
    [SettingRange("Store:Revalidation", "00:00:01", "00:10:00")]
    public TimeSpan Revalidation { get; set; } = TimeSpan.FromSeconds(30);
}

[OptionsValidator]
internal sealed partial class KeyCacheSyncOptionsValidator : IValidateOptions<KeyCacheSyncOptions>;

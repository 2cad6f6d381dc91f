using KsQuery.Contracts.Settings;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Usage.Limits.Shared;

/// <summary>Configuration section <c>Store</c>, read when <c>KSQUERY_STORE</c> selects PostgreSQL (several instances).</summary>
public sealed class LimitExchangeOptions
{
    public const string Section = "Store";

    /// <summary><c>Store:LimitExchange</c>: how often each instance adds the calls it let through to the shared rate-limit and
    /// quota counts and reads every instance's total: the staleness the rate-limit tolerance is made of.</summary>
    [SettingRange("Store:LimitExchange", "00:00:00.010", "00:00:01")]
    public TimeSpan LimitExchange { get; set; } = TimeSpan.FromMilliseconds(100);
}

[OptionsValidator]
internal sealed partial class LimitExchangeOptionsValidator : IValidateOptions<LimitExchangeOptions>;

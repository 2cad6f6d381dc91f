using KsQuery.Contracts.Settings;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Audit;

/// <summary>Configuration section <c>Audit</c>.</summary>
internal sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Days an audit entry is kept; older ones are deleted by <see cref="AuditMaintenance"/>.</summary>
    [SettingRange("Audit:RetentionDays", 1, 36500)]
    public int RetentionDays { get; set; } = 365;
}

[OptionsValidator]
internal sealed partial class AuditOptionsValidator : IValidateOptions<AuditOptions>;

using System.ComponentModel.DataAnnotations;
using KsQuery.Contracts.Settings;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Configuration;

/// <summary>Configuration section <c>Accounts</c>.</summary>
internal sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>Days a deleted account's data (keys, sessions, usage) is kept before it is removed; 0 removes it at the
    /// next purge (hourly).</summary>
    [SettingRange("Accounts:DeletedRetentionDays", 0, 3650)]
    public int DeletedRetentionDays { get; set; } = 30;

    /// <summary>Who may sign up: <c>open</c>, <c>closed</c> or <c>invitation</c> (case-insensitive).</summary>
    [EnumDataType(typeof(SignUpMode), ErrorMessage = "Accounts:SignUp must be open, closed or invitation.")]
    public SignUpMode SignUp { get; set; } = SignUpMode.Open;
}

[OptionsValidator]
internal sealed partial class AccountsOptionsValidator : IValidateOptions<AccountsOptions>;

using KsQuery.Contracts.Settings;
using Microsoft.Extensions.Options;

namespace KsQuery.Host.Startup;

/// <summary>Configuration section <c>Shutdown</c>.</summary>
internal sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary><c>Shutdown:Timeout</c>: at SIGTERM or Ctrl+C, how long the stop waits for calls in flight to be answered
    /// and usage to be written (<see cref="Microsoft.Extensions.Hosting.HostOptions.ShutdownTimeout"/>). A service manager's
    /// own stop timeout (systemd's <c>TimeoutStopSec</c>) must be longer, or it kills the process first.</summary>
    [SettingRange("Shutdown:Timeout", "00:00:01", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

[OptionsValidator]
internal sealed partial class ShutdownOptionsValidator : IValidateOptions<ShutdownOptions>;

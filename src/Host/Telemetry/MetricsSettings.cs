using System.Globalization;
using System.Net;
using KsQuery.Host.Startup;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace KsQuery.Host.Telemetry;

/// <summary>The <c>Metrics</c> section (README, Configuration): whether <c>/metrics</c> is served, on which port, and to
/// which clients. Read once at start; a bad value stops the start naming the setting.</summary>
internal sealed record MetricsSettings(bool Enabled, int? Port, IReadOnlyList<IPNetwork> AllowedNetworks)
{
    public const string Section = "Metrics";
    public const string Path = "/metrics";

    public static MetricsSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var failures = new List<string>();
        var enabled = true;
        if (section["Enabled"] is { Length: > 0 } enabledText && !bool.TryParse(enabledText, out enabled))
            failures.Add($"Metrics:Enabled: '{enabledText}' is not true or false.");
        int? port = null;
        if (section["Port"] is { Length: > 0 } portText)
        {
            if (int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 65535)
                port = value;
            else
                failures.Add($"Metrics:Port must be a TCP port from 1 to 65535 (given: '{portText}').");
        }
        var networks = new List<IPNetwork>();
        foreach (var text in ListSetting.Values(section.GetSection("AllowedNetworks")))
        {
            if (IPNetwork.TryParse(text, out var network))
                networks.Add(network);
            else
                failures.Add($"Metrics:AllowedNetworks: '{text}' is not a CIDR range such as 10.0.0.0/8.");
        }
        if (failures.Count > 0)
            throw new OptionsValidationException(Section, typeof(MetricsSettings), failures);
        return new MetricsSettings(enabled, port, networks);
    }

    /// <summary>Whether this request is a scrape to answer: <c>GET /metrics</c>, on the metrics port when one is set, from
    /// a loopback address or an allowed network. Anything else goes on to routing (404), so other clients learn nothing.
    /// A connection without an address (a Unix socket, an in-process test server) is not known to be local: refused.</summary>
    public bool Serves(HttpContext context) =>
        context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase)
        && (Port is null || context.Connection.LocalPort == Port)
        && IsAllowed(context.Connection.RemoteIpAddress);

    private bool IsAllowed(IPAddress? client)
    {
        if (client is null)
            return false;
        if (client.IsIPv4MappedToIPv6)
            client = client.MapToIPv4();
        if (IPAddress.IsLoopback(client))
            return true;
        foreach (var network in AllowedNetworks)
        {
            if (network.Contains(client))
                return true;
        }
        return false;
    }
}

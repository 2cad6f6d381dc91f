using System.Net;
using KsQuery.Host.Startup;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace KsQuery.Host.Http;

/// <summary>
/// Client addresses behind a reverse proxy: <c>X-Forwarded-For</c> (and <c>X-Forwarded-Proto</c>) are honoured only on
/// connections from the proxies configured under <c>ForwardedHeaders</c> (<c>KnownProxies</c>: addresses,
/// <c>KnownNetworks</c>: CIDR ranges; each a list or one comma-separated value). Nothing is trusted by default, not
/// even loopback: without configuration the headers are ignored and the middleware is not in the pipeline at all.
/// The throttles (sign-ups, logins) and the rejections log read the client address after it.
/// </summary>
internal static class TrustedProxies
{
    public const string Section = "ForwardedHeaders";

    /// <summary>First in the pipeline, so every later stage sees the client's own address.</summary>
    public static WebApplication UseForwardedHeadersFromTrustedProxies(this WebApplication app)
    {
        if (OptionsFrom(app.Configuration.GetSection(Section)) is { } options)
            app.UseForwardedHeaders(options);
        return app;
    }

    /// <summary>The middleware's options, or null when no proxy is configured; a value that is not an address or a
    /// range stops the start naming the setting.</summary>
    internal static ForwardedHeadersOptions? OptionsFrom(IConfigurationSection section)
    {
        var failures = new List<string>();
        var proxies = new List<IPAddress>();
        foreach (var text in ListSetting.Values(section.GetSection("KnownProxies")))
        {
            if (IPAddress.TryParse(text, out var address))
                proxies.Add(address);
            else
                failures.Add($"{section.Path}:KnownProxies: '{text}' is not an IP address.");
        }
        var networks = new List<IPNetwork>();
        foreach (var text in ListSetting.Values(section.GetSection("KnownNetworks")))
        {
            if (IPNetwork.TryParse(text, out var network))
                networks.Add(network);
            else
                failures.Add($"{section.Path}:KnownNetworks: '{text}' is not a CIDR range such as 10.0.0.0/8.");
        }
        if (failures.Count > 0)
            throw new OptionsValidationException(Section, typeof(ForwardedHeadersOptions), failures);
        if (proxies.Count == 0 && networks.Count == 0)
            return null;

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // Entries are taken from the right while the hop that wrote them is trusted: a chain of configured proxies
            // is walked to the client, and whatever a client wrote itself is never reached.
            ForwardLimit = null,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
            options.KnownProxies.Add(proxy);
        foreach (var network in networks)
            options.KnownIPNetworks.Add(network);
        return options;
    }
}

using System.Net;
using KsQuery.Contracts.Http;
using KsQuery.Contracts.Text;
using KsQuery.Modules.Keys.Text;

namespace KsQuery.Modules.Keys.ApiKeys.Restrictions;

/// <summary>Field rules of a key's <c>restrictions</c> (docs/api.md): each list at most <see cref="MaxEntries"/> entries;
/// errors name the entry (<c>restrictions.origins[1]</c>).</summary>
internal static class RestrictionRules
{
    public const int MaxEntries = 50;
    public const int MaxUserAgentLength = 256;
    private const string Field = "restrictions";

    /// <summary>The normalized restrictions, or null when none is placed; field errors go to <paramref name="validation"/>.</summary>
    /// <param name="catalogApiIds">The api ids of the key's network; null when the network is not served (then no api
    /// id can be allowed).</param>
    public static KeyRestrictions? Read(Validation validation, ApiKeyRestrictionsDto request, IReadOnlyCollection<string>? catalogApiIds)
    {
        var ipRanges = Each(validation, "ipRanges", request.IpRanges, ReadRange);
        var origins = Each(validation, "origins", request.Origins, ReadOrigin);
        var userAgents = Each(validation, "userAgents", request.UserAgents, (field, text, v) => ReadUserAgent(field, text, v));
        var apis = Each(validation, "apis", request.Apis, (field, text, v) => ReadApi(field, text, v, catalogApiIds));
        var restrictions = new KeyRestrictions(ipRanges, origins, userAgents, apis);
        return restrictions.IsEmpty ? null : restrictions;
    }

    private static IReadOnlyList<string> Each(Validation validation, string name, IReadOnlyList<string>? values,
        Func<string, string, Validation, string?> read)
    {
        if (values is null || values.Count == 0)
            return [];
        if (values.Count > MaxEntries)
        {
            validation.Add($"{Field}.{name}", $"{Field}.{name} holds at most {MaxEntries} entries.");
            return [];
        }
        var read_ = new List<string>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var field = $"{Field}.{name}[{i}]";
            if (string.IsNullOrWhiteSpace(values[i]))
            {
                validation.Add(field, "An entry cannot be empty.");
                continue;
            }
            if (read(field, values[i].Trim(), validation) is { } value && !read_.Contains(value, StringComparer.Ordinal))
                read_.Add(value);
        }
        return read_;
    }

    private static string? ReadRange(string field, string text, Validation validation)
    {
        if (IPAddress.TryParse(text, out var address) && !text.Contains('/'))
            return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128).ToString();
        // A range is refused when its address has bits past the prefix (10.0.0.1/8): what was meant is unclear.
        if (IPNetwork.TryParse(text, out var network) && IPAddress.TryParse(text.AsSpan(0, text.IndexOf('/')), out var given) &&
            given.Equals(network.BaseAddress))
            return network.ToString();
        validation.Add(field, $"'{Echo(text)}' is not an IP address or CIDR range such as 203.0.113.0/24 or 2001:db8::/32 " +
                              "(no address bits may be set past the prefix length).");
        return null;
    }

    /// <summary><c>scheme://host[:port]</c> as a browser sends it in <c>Origin</c>, or <c>scheme://*.domain[:port]</c> for
    /// every subdomain of a domain (not the domain itself).</summary>
    private static string? ReadOrigin(string field, string text, Validation validation)
    {
        var origin = text.ToLowerInvariant();
        var wildcard = false;
        var checkable = origin;
        var schemeEnd = origin.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0 && origin.AsSpan(schemeEnd + 3).StartsWith("*."))
        {
            wildcard = true;
            checkable = string.Concat(origin.AsSpan(0, schemeEnd + 3), "x", origin.AsSpan(schemeEnd + 4));
        }
        var valid = !checkable.Contains('*') &&
                    Uri.TryCreate(checkable, UriKind.Absolute, out var uri) &&
                    (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) &&
                    uri.UserInfo.Length == 0 &&
                    string.Equals(uri.GetLeftPart(UriPartial.Authority), checkable, StringComparison.Ordinal) &&
                    (!wildcard || (uri.HostNameType == UriHostNameType.Dns && uri.Host.IndexOf('.', 2) > 0));
        if (valid)
            return origin;
        validation.Add(field, $"'{Echo(text)}' is not an origin: give the scheme (http or https), host and optional port, with no " +
                              "path or slash, e.g. https://app.example.com, or https://*.example.com for every subdomain of example.com.");
        return null;
    }

    private static string? ReadUserAgent(string field, string text, Validation validation)
    {
        if (text.Length > MaxUserAgentLength)
        {
            validation.Add(field, $"A user-agent substring is at most {MaxUserAgentLength} characters.");
            return null;
        }
        var before = validation.Errors.Count;
        ReadableText.Check(validation, field, text);
        return validation.Errors.Count == before ? text : null;
    }

    private static string? ReadApi(string field, string text, Validation validation, IReadOnlyCollection<string>? catalogApiIds)
    {
        var known = catalogApiIds?.FirstOrDefault(id => string.Equals(id, text, StringComparison.OrdinalIgnoreCase));
        if (known is not null)
            return known;
        validation.Add(field, catalogApiIds is null
            ? "The key's network is not served now, so no API of it can be allowed."
            : $"'{Echo(text)}' is not an API of the key's network; see its catalog (GET /v1/chains/{{chain}}/networks/{{network}}/apis).");
        return null;
    }

    private static string Echo(string text) => text.Length <= 64 ? text : TextCut.AtMost(text, 64) + "…";
}

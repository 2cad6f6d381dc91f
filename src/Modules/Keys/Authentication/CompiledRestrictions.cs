using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Net;
using System.Net.Sockets;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.ApiKeys.Restrictions;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace KsQuery.Modules.Keys.Authentication;

/// <summary>A key's restrictions prepared once, when the key is verified, and kept with it in the
/// <see cref="VerifiedKeyCache"/>: address ranges as 128-bit masks (IPv4 in its IPv4-mapped IPv6 form, so a client seen
/// as <c>::ffff:203.0.113.7</c> matches <c>203.0.113.0/24</c>), origins as an exact set and wildcard suffixes,
/// user-agent substrings, and the allowed api ids as a frozen set. Checking a call allocates nothing.</summary>
internal sealed class CompiledRestrictions
{
    public const string Ip = "ip";
    public const string Origin = "origin";
    public const string UserAgent = "user_agent";
    public const string Api = "api";

    private readonly AddressRange[] _ranges;
    private readonly FrozenSet<string> _origins;
    private readonly WildcardOrigin[] _wildcardOrigins;
    private readonly string[] _userAgents;
    private readonly FrozenSet<string>? _apis;

    private CompiledRestrictions(KeyRestrictions restrictions)
    {
        Source = restrictions;
        _ranges = [.. restrictions.IpRanges.Select(r => AddressRange.Of(IPNetwork.Parse(r)))];
        _origins = restrictions.Origins.Where(o => !o.Contains("://*.", StringComparison.Ordinal)).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _wildcardOrigins = [.. restrictions.Origins.Where(o => o.Contains("://*.", StringComparison.Ordinal)).Select(WildcardOrigin.Of)];
        _userAgents = [.. restrictions.UserAgents];
        _apis = restrictions.Apis.Count == 0 ? null : restrictions.Apis.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Null for a key without restrictions: its calls pay one null check.</summary>
    public static CompiledRestrictions? Of(KeyRestrictions? restrictions) =>
        restrictions is null || restrictions.IsEmpty ? null : new CompiledRestrictions(restrictions);

    /// <summary>What these were compiled from (revalidation compares it with the stored key's).</summary>
    public KeyRestrictions Source { get; }

    public bool HasOrigins => _origins.Count > 0 || _wildcardOrigins.Length > 0;

    /// <summary>The restriction the call breaks (<see cref="Ip"/>, <see cref="Origin"/>, <see cref="UserAgent"/>,
    /// <see cref="Api"/>), or null when it keeps to all of them.</summary>
    public string? Refused(HttpContext context, VerifiedKey key)
    {
        if (_ranges.Length > 0 && !AddressAllowed(context.Connection.RemoteIpAddress))
            return Ip;
        var headers = context.Request.Headers;
        if (HasOrigins && !OriginAllowed(headers.Origin.ToString()))
            return Origin;
        if (_userAgents.Length > 0 && !UserAgentAllowed(headers.UserAgent.ToString()))
            return UserAgent;
        // Only calls to the key's own network: another network's call is refused by the scope check, an unknown api
        // gets its 404 api_not_found.
        if (_apis is not null && KeyedCallFeatures.ChainApiOf(context) is { } api && api.ApiId != ChainApiMetadata.UnknownApi &&
            string.Equals(api.Chain, key.Chain, StringComparison.Ordinal) && string.Equals(api.Network, key.Network, StringComparison.Ordinal) &&
            !_apis.Contains(api.ApiId))
            return Api;
        return null;
    }

    private bool AddressAllowed(IPAddress? address)
    {
        if (address is null)
            return false;
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            bytes[10] = 0xff;
            bytes[11] = 0xff;
            if (!address.TryWriteBytes(bytes[12..], out _))
                return false;
        }
        else if (address.AddressFamily != AddressFamily.InterNetworkV6 || !address.TryWriteBytes(bytes, out _))
        {
            return false;
        }
        var high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var low = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        foreach (var range in _ranges)
        {
            if (range.Contains(high, low))
                return true;
        }
        return false;
    }

    private bool OriginAllowed(string origin)
    {
        if (origin.Length == 0)
            return false;
        if (_origins.Contains(origin))
            return true;
        foreach (var wildcard in _wildcardOrigins)
        {
            if (wildcard.Matches(origin))
                return true;
        }
        return false;
    }

    private bool UserAgentAllowed(string userAgent)
    {
        if (userAgent.Length == 0)
            return false;
        foreach (var part in _userAgents)
        {
            if (userAgent.Contains(part, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>A range in the IPv6 address space as two 64-bit halves of address and mask.</summary>
    private readonly record struct AddressRange(ulong High, ulong Low, ulong HighMask, ulong LowMask)
    {
        public bool Contains(ulong high, ulong low) => (high & HighMask) == High && (low & LowMask) == Low;

        public static AddressRange Of(IPNetwork network)
        {
            Span<byte> bytes = stackalloc byte[16];
            var prefix = network.PrefixLength;
            if (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
            {
                bytes[10] = 0xff;
                bytes[11] = 0xff;
                network.BaseAddress.TryWriteBytes(bytes[12..], out _);
                prefix += 96;
            }
            else
            {
                network.BaseAddress.TryWriteBytes(bytes, out _);
            }
            var highMask = prefix >= 64 ? ulong.MaxValue : prefix == 0 ? 0 : ulong.MaxValue << (64 - prefix);
            var lowMask = prefix <= 64 ? 0 : prefix >= 128 ? ulong.MaxValue : ulong.MaxValue << (128 - prefix);
            return new AddressRange(BinaryPrimitives.ReadUInt64BigEndian(bytes) & highMask,
                BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]) & lowMask, highMask, lowMask);
        }
    }

    /// <summary><c>https://*.example.com:8443</c>: the scheme, then one or more host labels, then <c>.example.com:8443</c>.</summary>
    private sealed record WildcardOrigin(string Scheme, string Suffix)
    {
        public static WildcardOrigin Of(string origin)
        {
            var star = origin.IndexOf("://*.", StringComparison.Ordinal);
            return new WildcardOrigin(origin[..(star + 3)], origin[(star + 4)..]);
        }

        public bool Matches(string origin)
        {
            if (origin.Length <= Scheme.Length + Suffix.Length ||
                !origin.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ||
                !origin.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
                return false;
            var labels = origin.AsSpan(Scheme.Length, origin.Length - Scheme.Length - Suffix.Length);
            return labels[0] != '.' && !labels.ContainsAnyExcept(HostLabelChars);
        }

        private static readonly System.Buffers.SearchValues<char> HostLabelChars =
            System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.");
    }
}

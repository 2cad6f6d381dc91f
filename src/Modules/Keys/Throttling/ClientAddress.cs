using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace KsQuery.Modules.Keys.Throttling;

/// <summary>The client address a throttle counts against: the connection's address (after the host's trusted-proxy
/// handling of forwarded headers), IPv4 as is (also when mapped into IPv6) and IPv6 by its /64 prefix, since one
/// subscriber usually holds a whole /64 and could otherwise step past a per-address limit at will.</summary>
internal static class ClientAddress
{
    public static string? Of(HttpContext context) => Partition(context.Connection.RemoteIpAddress);

    public static string? Partition(IPAddress? address)
    {
        if (address is null)
            return null;
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}

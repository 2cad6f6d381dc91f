using System.Net;
using KsQuery.Modules.Keys.Throttling;

namespace Keys.Tests.Throttling;

public class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("::1", "::/64")]
    public void Throttles_count_IPv4_addresses_and_IPv6_prefixes(string address, string partition) =>
        ClientAddress.Partition(IPAddress.Parse(address)).ShouldBe(partition);

    [Fact]
    public void Two_addresses_of_one_IPv6_subscriber_share_a_throttle_and_another_prefix_does_not()
    {
        var first = ClientAddress.Partition(IPAddress.Parse("2001:db8:1:2::a"));
        ClientAddress.Partition(IPAddress.Parse("2001:db8:1:2:ffff::b")).ShouldBe(first);
        ClientAddress.Partition(IPAddress.Parse("2001:db8:1:3::a")).ShouldNotBe(first);
    }

    [Fact]
    public void No_address_no_partition() => ClientAddress.Partition(null).ShouldBeNull();
}

using System.Net;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Usage.Tracking;
using Microsoft.AspNetCore.Http;
using Usage.Tests.Support;

namespace Usage.Tests.Tracking;

public sealed class UsageTrackingMiddlewareTests
{
    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    public async Task A_call_is_counted_with_its_client_address_as_text_ipv4_mapped_to_ipv6_as_plain_ipv4(string remote, string expected)
    {
        var events = new UsageEventBuffer(TimeProvider.System);
        var middleware = new UsageTrackingMiddleware(new UnidentifiedRejections(new TestMeters()), events, new ManualTimeProvider(DateTimeOffset.UnixEpoch));
        var address = IPAddress.Parse(remote);

        for (var call = 0; call < 2; call++)
        {
            var context = new DefaultHttpContext();
            context.Connection.RemoteIpAddress = address;
            context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new ChainApiMetadata("kalp", "testnet", "network-info")), "network"));
            KeyedCallFeatures.SetVerifiedKey(context, Support.Usage.Key("k"));
            await middleware.InvokeAsync(context, _ => Task.CompletedTask);
        }

        var counted = events.Drain();
        counted.Length.ShouldBe(2);
        counted.ShouldAllBe(c => c.ClientAddress == expected && c.KeyId == "k" && c.Status == 200);
    }

    [Fact]
    public async Task A_user_agent_and_path_over_their_limits_are_cut_on_a_character_boundary()
    {
        const string emoji = "\U0001F600";
        const string prefix = "/v1/kalp/testnet/transactions/";
        var agent = new string('a', 255) + emoji;
        var path = prefix + new string('b', 511 - prefix.Length) + emoji;
        var events = new UsageEventBuffer(TimeProvider.System);
        var middleware = new UsageTrackingMiddleware(new UnidentifiedRejections(new TestMeters()), events, new ManualTimeProvider(DateTimeOffset.UnixEpoch));
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Request.Headers.UserAgent = agent;
        context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new ChainApiMetadata("kalp", "testnet", "transaction")), "transaction"));
        KeyedCallFeatures.SetRejection(context, new KeyRejection("key_invalid", "k", "acct", "ksq_test_abcd…wxyz"));

        await middleware.InvokeAsync(context, c =>
        {
            c.Response.StatusCode = 401;
            return Task.CompletedTask;
        });

        var call = events.Drain().ShouldHaveSingleItem();
        call.UserAgent.ShouldBe(new string('a', 255));
        call.Rejection.ShouldNotBeNull().UserAgent.ShouldBe(new string('a', 255));
        call.Rejection.Path.ShouldBe(path[..511]);
    }
}

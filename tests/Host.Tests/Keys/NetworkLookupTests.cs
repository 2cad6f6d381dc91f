using System.Net;
using Host.Tests.Support;

namespace Host.Tests.Keys;

/// <summary>An unknown chain or network typed by a client is echoed in the problem's detail, shortened on a character
/// boundary: never half of a surrogate pair, never a failure on padding.</summary>
public sealed class NetworkLookupTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Emoji = "\U0001F600";

    [Theory]
    [InlineData(63, Emoji, "x", "There is no chain '" + "ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc…'.")]
    [InlineData(0, "   x   ", "x", "There is no chain 'x'.")]
    public async Task An_unknown_chain_is_echoed_shortened_on_a_character_boundary(int repeat, string tail, string network, string detail)
    {
        var chain = new string('c', repeat) + tail + (repeat == 0 ? new string(' ', 70) : "");
        var token = await fixture.Api.SignUpAndLogInAsync($"echo{repeat}@example.com");

        var (status, problem, _) = await fixture.Api.SendAsync(HttpMethod.Put, "/v1/me/selection", new { chain, network }, token);

        status.ShouldBe(HttpStatusCode.NotFound, problem.ToString());
        problem.Code().ShouldBe("chain_not_found");
        problem.GetProperty("detail").GetString().ShouldBe(detail);
    }
}

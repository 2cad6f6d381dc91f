using KsQuery.Plugins.KalpDlt.Gateway;
using Shouldly;

namespace KalpDlt.Tests;

public sealed class GatewayErrorsTests
{
    private const string Emoji = "\U0001F600";

    [Fact]
    public void An_upstream_message_over_the_limit_is_cut_on_a_character_boundary()
    {
        var message = new string('m', 199) + Emoji + " and more";

        var cleaned = GatewayErrors.Clean(message, "upstream-key");

        cleaned.ShouldBe(new string('m', 199) + "…");
    }

    [Fact]
    public void A_message_that_fits_keeps_its_last_character_whole()
    {
        var message = new string('m', 198) + Emoji;

        GatewayErrors.Clean(message, "upstream-key").ShouldBe(message);
    }
}

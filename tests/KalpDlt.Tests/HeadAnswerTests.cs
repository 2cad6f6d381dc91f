using System.Text.Json;
using Shouldly;

namespace KalpDlt.Tests;

/// <summary>The network's info and the latest block depend only on the ledger's head: they are shared answers, serialized
/// once by the host, and must never outlive the head they were built for.</summary>
public sealed class HeadAnswerTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Theory]
    [InlineData("network-info")]
    [InlineData("block-latest")]
    public async Task The_answer_is_shared_until_a_block_is_added_and_then_describes_the_new_head(string apiId)
    {
        using var directory = new TestDirectory();
        await using var plugin = await PluginHarness.StartAsync(directory.Path, blocks: 40, intervalSeconds: 5, time: new ManualTimeProvider(Now));

        var first = await plugin.CallAsync(apiId);
        first.IsShared.ShouldBeTrue();
        (await plugin.CallAsync(apiId)).ShouldBeSameAs(first);
        var before = JsonDocument.Parse(first.Json).RootElement.Clone();

        var produced = plugin.Plugin.TestNet!.Producer!.ProduceNext();

        var after = await plugin.CallAsync(apiId);
        after.ShouldNotBeSameAs(first);
        var json = JsonDocument.Parse(after.Json).RootElement;
        json.GetRawText().ShouldBe(JsonSerializer.Serialize(after.Value, after.TypeInfo!));
        json.GetRawText().ShouldNotBe(before.GetRawText());
        if (apiId == "block-latest")
            json.GetProperty("hash").GetString().ShouldBe(produced.Hash);
        else
            json.GetProperty("latestBlockHash").GetString().ShouldBe(produced.Hash);
    }
}

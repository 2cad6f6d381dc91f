using KsQuery.Plugins.KalpDlt.Ledger;
using Shouldly;

namespace KalpDlt.Tests;

/// <summary>A ledger file that is not a whole LiteDB file is never overwritten: it is moved aside, byte for byte, with a
/// warning, and the ledger is generated again from the seed (docs/security.md, Files at rest and start-up checks).</summary>
public sealed class DamagedLedgerFileTests
{
    [Theory]
    [InlineData("empty")]
    [InlineData("first-4-KiB")]
    [InlineData("garbage")]
    public async Task A_damaged_ledger_file_is_moved_aside_unchanged_and_the_ledger_is_generated_again(string damage)
    {
        using var directory = new TestDirectory();
        var file = Path.Combine(directory.Path, LedgerStore.FileName);
        await using (await PluginHarness.StartAsync(directory.Path, blocks: 20))
        {
        }
        var real = await File.ReadAllBytesAsync(file);
        byte[] damaged = damage switch
        {
            "empty" => [],
            "first-4-KiB" => real[..4096],
            _ => Enumerable.Range(0, 20_000).Select(i => (byte)(i * 17 % 253)).ToArray(),
        };
        await File.WriteAllBytesAsync(file, damaged);

        await using var restarted = await PluginHarness.StartAsync(directory.Path, blocks: 20);

        restarted.Ledger.Blocks.Count.ShouldBe(20);
        var aside = Directory.GetFiles(directory.Path, LedgerStore.FileName + ".damaged-*").ShouldHaveSingleItem();
        (await File.ReadAllBytesAsync(aside)).ShouldBe(damaged);
        restarted.Log.ShouldContain(line => line.StartsWith("Warning:") && line.Contains(file) && line.Contains(aside));
    }
}

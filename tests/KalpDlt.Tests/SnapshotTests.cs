using System.Text.Json;
using KsQuery.Plugins.KalpDlt.Ledger;
using Shouldly;

namespace KalpDlt.Tests;

/// <summary>The binary snapshot beside the LiteDB file: a restart from it must equal a restart from LiteDB,
/// and a snapshot that does not describe the stored ledger must never be served.</summary>
public sealed class SnapshotTests
{
    private const string FromSnapshot = "from its snapshot";

    [Fact]
    public async Task A_restart_from_the_snapshot_equals_a_restart_from_LiteDB()
    {
        using var directory = new TestDirectory();
        var snapshot = Path.Combine(directory.Path, LedgerSnapshot.FileName);
        await using (var first = await PluginHarness.StartAsync(directory.Path, blocks: 400))
        {
            File.Exists(snapshot).ShouldBeTrue();
        }

        string fromSnapshot;
        await using (var second = await PluginHarness.StartAsync(directory.Path))
        {
            second.Log.ShouldContain(line => line.Contains(FromSnapshot));
            fromSnapshot = await DescribeAsync(second);
        }

        File.Delete(snapshot);
        await using (var third = await PluginHarness.StartAsync(directory.Path))
        {
            third.Log.ShouldContain(line => line.Contains("Loaded"));
            third.Log.ShouldNotContain(line => line.Contains(FromSnapshot));
            (await DescribeAsync(third)).ShouldBe(fromSnapshot);
        }

        // Loading from LiteDB wrote the snapshot again.
        await using var fourth = await PluginHarness.StartAsync(directory.Path);
        fourth.Log.ShouldContain(line => line.Contains(FromSnapshot));
        (await DescribeAsync(fourth)).ShouldBe(fromSnapshot);
    }

    [Fact]
    public async Task Blocks_produced_live_are_in_the_snapshot_written_at_stop()
    {
        using var directory = new TestDirectory();
        string latest;
        await using (var plugin = await PluginHarness.StartAsync(directory.Path, blocks: 40, intervalSeconds: 3600))
        {
            plugin.Plugin.TestNet!.Producer!.ProduceNext();
            latest = plugin.Plugin.TestNet!.Producer!.ProduceNext().Hash;
        }
        await using var reopened = await PluginHarness.StartAsync(directory.Path);
        reopened.Log.ShouldContain(line => line.Contains(FromSnapshot));
        reopened.Ledger.Latest!.Hash.ShouldBe(latest);
        reopened.Ledger.Latest.Number.ShouldBe(41);
    }

    [Fact]
    public async Task A_stale_damaged_or_foreign_snapshot_is_ignored_and_LiteDB_served()
    {
        using var directory = new TestDirectory();
        using var other = new TestDirectory();
        var snapshot = Path.Combine(directory.Path, LedgerSnapshot.FileName);
        string expected;
        byte[] stale;
        await using (var plugin = await PluginHarness.StartAsync(directory.Path, blocks: 40, intervalSeconds: 3600))
        {
            stale = await File.ReadAllBytesAsync(snapshot);
            plugin.Plugin.TestNet!.Producer!.ProduceNext();
            expected = await DescribeAsync(plugin);
        }
        await using (var foreign = await PluginHarness.StartAsync(other.Path, blocks: 42, seed: 42))
        {
        }
        var current = await File.ReadAllBytesAsync(snapshot);
        var damaged = current.ToArray();
        damaged[damaged.Length / 2] ^= 0x5A;

        var cases = new (string Name, byte[] Bytes)[]
        {
            ("stale", stale),
            ("damaged", damaged),
            ("truncated", current[..(current.Length - 100)]),
            ("foreign", await File.ReadAllBytesAsync(Path.Combine(other.Path, LedgerSnapshot.FileName))),
        };
        foreach (var (name, bytes) in cases)
        {
            await File.WriteAllBytesAsync(snapshot, bytes);
            await using var reopened = await PluginHarness.StartAsync(directory.Path);
            reopened.Log.ShouldNotContain(line => line.Contains(FromSnapshot), name);
            (await DescribeAsync(reopened)).ShouldBe(expected, name);
        }

        // Each fallback wrote a good snapshot again.
        await using var last = await PluginHarness.StartAsync(directory.Path);
        last.Log.ShouldContain(line => line.Contains(FromSnapshot));
        (await DescribeAsync(last)).ShouldBe(expected);
    }

    /// <summary>Everything the ledger holds and a few answers built from its indexes, as one comparable text.</summary>
    private static async Task<string> DescribeAsync(PluginHarness plugin)
    {
        var ledger = plugin.Ledger;
        var state = ledger.State;
        var holder = state.Holders(state.Contracts[0].ContractId)[0];
        var parts = new object[]
        {
            ledger.Blocks,
            ledger.Transactions,
            state.Contracts,
            state.Supplies.OrderBy(s => s.Key, StringComparer.Ordinal),
            state.Balances.OrderBy(b => b.Key.ToString(), StringComparer.Ordinal).Select(b => (b.Key.ToString(), b.Value.ToString())),
            state.Allowances.OrderBy(a => a.Key.ToString(), StringComparer.Ordinal).Select(a => (a.Key.ToString(), a.Value.ToString())),
            state.AllowanceKeys,
            state.Contracts.Select(c => state.Holders(c.ContractId)),
            (await plugin.GetAsync("network-info")).ToString(),
            (await plugin.GetAsync("contracts")).ToString(),
            (await plugin.GetAsync("events", new { size = 100 })).ToString(),
            (await plugin.GetAsync("account-transactions", new { address = holder, size = 100 })).ToString(),
            (await plugin.GetAsync("analytics-chaincode")).ToString(),
        };
        return JsonSerializer.Serialize(parts, new JsonSerializerOptions { IncludeFields = true });
    }
}

using KsQuery.Modules.Keys.KeyFormat;
using KsQuery.Modules.Keys.Storage;

namespace Keys.Tests.Storage;

public sealed class KeyIdSetTests
{
    private static string Id(ulong number)
    {
        Span<char> text = stackalloc char[Base62.UInt64Width];
        Base62.Encode(number, text);
        return new string(text);
    }

    [Fact]
    public void Holds_many_ids_exactly_across_resizes()
    {
        var set = new KeyIdSet();
        var random = new Random(7);
        var stored = Enumerable.Range(0, 50_000).Select(_ => (ulong)random.NextInt64() * 3).Distinct().ToList();
        foreach (var number in stored)
            set.Add(Id(number));

        set.Count.ShouldBe(stored.Count);
        stored.ShouldAllBe(number => set.Contains(Id(number)));
        stored.Count(number => set.Contains(Id(number + 1))).ShouldBe(0, "an id next to a stored one is not stored");
    }

    [Fact]
    public void Ids_spell_numbers_exactly_so_case_matters()
    {
        var set = new KeyIdSet();
        set.Add("AbCdEfGhIjK");

        set.Contains("AbCdEfGhIjK").ShouldBeTrue();
        set.Contains("abcdefghijk").ShouldBeFalse();
        set.Contains("ABCDEFGHIJK").ShouldBeFalse();
    }

    [Fact]
    public void Removed_ids_are_gone_and_ids_stored_after_them_on_the_same_probe_stay()
    {
        var set = new KeyIdSet();
        var ids = Enumerable.Range(2, 400).Select(i => Id((ulong)i)).ToList();
        foreach (var id in ids)
            set.Add(id);

        foreach (var id in ids.Where((_, i) => i % 2 == 0))
            set.Remove(id);
        // Refill past the tombstones, which forces the table to be rebuilt without them.
        foreach (var id in Enumerable.Range(1000, 2000).Select(i => Id((ulong)i)))
            set.Add(id);

        ids.Where((_, i) => i % 2 == 0).ShouldAllBe(id => !set.Contains(id));
        ids.Where((_, i) => i % 2 == 1).ShouldAllBe(id => set.Contains(id));
        set.Count.ShouldBe(200 + 2000);
    }

    [Fact]
    public void The_numbers_zero_and_one_and_ids_of_another_form_are_held_too()
    {
        var set = new KeyIdSet();
        set.Contains(Id(0)).ShouldBeFalse();
        set.Contains(Id(1)).ShouldBeFalse();

        set.Add(Id(0));
        set.Add(Id(1));
        set.Add("k1");
        set.Add("zzzzzzzzzzz"); // 11 characters above 2^64: not a number, kept as text

        set.Contains(Id(0)).ShouldBeTrue();
        set.Contains(Id(1)).ShouldBeTrue();
        set.Contains("k1").ShouldBeTrue();
        set.Contains("zzzzzzzzzzz").ShouldBeTrue();
        set.Contains("k2").ShouldBeFalse();
        set.Count.ShouldBe(4);

        set.Remove(Id(0));
        set.Remove("k1");
        set.Contains(Id(0)).ShouldBeFalse();
        set.Contains(Id(1)).ShouldBeTrue();
        set.Contains("k1").ShouldBeFalse();
    }

    [Fact]
    public async Task Readers_see_every_id_added_before_they_look_while_another_thread_adds_more()
    {
        var set = new KeyIdSet();
        var first = Enumerable.Range(2, 1000).Select(i => Id((ulong)i)).ToList();
        foreach (var id in first)
            set.Add(id);

        var writer = Task.Run(() =>
        {
            for (var i = 10_000; i < 200_000; i++)
                set.Add(Id((ulong)i));
        });
        var misses = 0;
        while (!writer.IsCompleted)
            misses += first.Count(id => !set.Contains(id));
        await writer;

        misses.ShouldBe(0);
        set.Count.ShouldBe(1000 + 190_000);
    }
}

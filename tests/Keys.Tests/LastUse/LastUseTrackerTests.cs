using Keys.Tests.Support;
using KsQuery.Contracts.Messages;
using KsQuery.Modules.Keys.Configuration;
using KsQuery.Modules.Keys.LastUse;
using KsQuery.Modules.Keys.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Keys.Tests.LastUse;

public class LastUseTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Keeps_the_latest_use_and_merges_with_the_stored_value()
    {
        var tracker = new LastUseTracker();
        LastUseHandler.Handle(new KeyedCallsCompleted([new KeyedCallCompleted("k1", "a", "kalp", "testnet", "blocks", 200, 1, T0.AddSeconds(5))]), tracker);
        LastUseHandler.Handle(new KeyedCallsCompleted([new KeyedCallCompleted("k1", "a", "kalp", "testnet", "blocks", 200, 1, T0.AddSeconds(2))]), tracker);

        tracker.Pending("k1").ShouldBe(T0.AddSeconds(5));
        tracker.Latest("k1", T0).ShouldBe(T0.AddSeconds(5));
        tracker.Latest("k1", T0.AddSeconds(9)).ShouldBe(T0.AddSeconds(9));
        tracker.Latest("k2", null).ShouldBeNull();
    }

    [Fact]
    public void A_batch_records_each_keys_latest_use_and_skips_calls_refused_at_authentication()
    {
        var tracker = new LastUseTracker();
        KeyedCallCompleted Call(string keyId, int second, string? refusedFor = null) =>
            new(keyId, "a", "kalp", "testnet", "blocks", refusedFor is null ? 200 : 401, 1, T0.AddSeconds(second),
                refusedFor is null ? null : new KeyedCallRejection(refusedFor, false, "d", "GET", "/", null, null));

        LastUseHandler.Handle(new KeyedCallsCompleted(
        [
            Call("k1", 5), Call("k1", 3), Call("k2", 4), Call("k1", 9, refusedFor: "key_revoked"), Call("k1", 6), Call("k1", 2),
            Call("k3", 8, refusedFor: "key_invalid"),
        ]), tracker);

        tracker.Pending("k1").ShouldBe(T0.AddSeconds(6));
        tracker.Pending("k2").ShouldBe(T0.AddSeconds(4));
        tracker.Pending("k3").ShouldBeNull();
    }

    [Fact]
    public async Task Flush_writes_pending_values_once_and_keeps_newer_ones()
    {
        var tracker = new LastUseTracker();
        var store = new CountingKeyStore();
        store.Put(new ApiKeyRecord
        {
            Id = "k1", AccountId = "a", Name = "n", Chain = "kalp", Network = "testnet", IsTest = true, Display = "d",
            SecretHash = "h", CreatedAt = T0, RateLimitPerSecond = 1,
        });
        var flusher = new LastUseFlusher(tracker, store, Options.Create(new KeysOptions()), new ManualTimeProvider(), NullLogger<LastUseFlusher>.Instance);

        tracker.Record("k1", T0.AddSeconds(1));
        await flusher.FlushAsync(default);

        (await store.FindAsync("k1", default))!.LastUsedAt.ShouldBe(T0.AddSeconds(1));
        tracker.Pending("k1").ShouldBeNull();

        tracker.Record("k1", T0.AddSeconds(3));
        tracker.Pending("k1").ShouldBe(T0.AddSeconds(3));
    }
}

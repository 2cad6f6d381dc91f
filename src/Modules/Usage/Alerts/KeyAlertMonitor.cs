using System.Collections.Concurrent;
using System.Globalization;
using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Aggregation;
using KsQuery.Modules.Usage.Storage;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Usage.Alerts;

/// <summary>Raises misuse signals from usage events (in the event handler, off the request path):
/// <list type="bullet">
/// <item><c>new_client_address</c>: a use of the key (verified; not refused at authentication) from an address the key
/// was never used from. The key's first address is not an alert. After <see cref="AlertOptions.MaxAddressesPerKey"/>
/// addresses a key raises no more of these.</item>
/// <item><c>rejection_spike</c>: at least <see cref="AlertOptions.SpikeMinRejections"/> refusals in the last
/// <see cref="AlertOptions.SpikeWindowMinutes"/> minutes, at a per-minute rate at least <see cref="AlertOptions.SpikeFactor"/>
/// times the key's rate over the <see cref="AlertOptions.SpikeBaselineMinutes"/> before the window; at most one per window.</item>
/// </list>
/// Known addresses and recent refusals per minute are loaded from the store the first time a key is seen.</summary>
internal sealed class KeyAlertMonitor(UsageAggregator aggregator, IUsageStore store, IOptions<UsageOptions> options)
{
    private readonly AlertOptions _options = options.Value.Alerts;
    private readonly ConcurrentDictionary<string, KeyWatch> _watches = new(StringComparer.Ordinal);

    public void Observe(KeyedCallCompleted call)
    {
        var watch = _watches.GetOrAdd(call.KeyId, static _ => new KeyWatch());
        lock (watch)
        {
            if (call.Rejection is null or { KeyVerified: true } && call.ClientAddress is { Length: > 0 } address)
                ObserveAddress(watch, call, address);
            if (call.Rejection is not null)
                ObserveRejection(watch, call);
        }
    }

    private void ObserveAddress(KeyWatch watch, KeyedCallCompleted call, string address)
    {
        watch.Addresses ??= new HashSet<string>(store.Addresses(call.KeyId), StringComparer.Ordinal);
        if (watch.Addresses.Contains(address) || watch.Addresses.Count >= _options.MaxAddressesPerKey)
            return;
        var first = watch.Addresses.Count == 0;
        watch.Addresses.Add(address);
        aggregator.AddAddress(new StoredAddress
        {
            Id = StoredAddress.IdOf(call.KeyId, address), KeyId = call.KeyId, Address = address, FirstSeen = call.At.UtcDateTime,
        });
        if (first)
            return;
        aggregator.AddAlert(new StoredAlert
        {
            At = call.At.UtcDateTime,
            AccountId = call.AccountId,
            KeyId = call.KeyId,
            Kind = StoredAlert.NewClientAddress,
            Detail = $"First use of the key from {address}.",
            ClientAddress = address,
            UserAgent = call.UserAgent,
        });
    }

    private void ObserveRejection(KeyWatch watch, KeyedCallCompleted call)
    {
        var span = _options.SpikeWindowMinutes + _options.SpikeBaselineMinutes;
        var minute = call.At.UtcTicks / TimeSpan.TicksPerMinute;
        if (watch.Minutes is null)
        {
            // Learn the recent rate from what is stored and pending (this call is not counted yet: the handler adds it after).
            watch.Minutes = new long[span];
            watch.Counts = new long[span];
            var from = new DateTimeOffset((minute - span + 1) * TimeSpan.TicksPerMinute, TimeSpan.Zero);
            foreach (var bucket in aggregator.BucketsFor(call.KeyId, from).Where(b => !b.Served))
                Count(watch, bucket.MinuteUtc.UtcTicks / TimeSpan.TicksPerMinute, bucket.Requests, minute, span);
        }
        Count(watch, minute, 1, minute, span);

        long window = 0, baseline = 0;
        for (var i = 0; i < span; i++)
        {
            var age = minute - watch.Minutes[i];
            if (age < 0 || age >= span)
                continue;
            if (age < _options.SpikeWindowMinutes)
                window += watch.Counts![i];
            else
                baseline += watch.Counts![i];
        }
        var windowRate = (double)window / _options.SpikeWindowMinutes;
        var baselineRate = (double)baseline / _options.SpikeBaselineMinutes;
        if (window < _options.SpikeMinRejections || windowRate < _options.SpikeFactor * baselineRate)
            return;
        if (watch.LastSpikeMinute is { } last && minute - last < _options.SpikeWindowMinutes)
            return;

        watch.LastSpikeMinute = minute;
        aggregator.AddAlert(new StoredAlert
        {
            At = call.At.UtcDateTime,
            AccountId = call.AccountId,
            KeyId = call.KeyId,
            Kind = StoredAlert.RejectionSpike,
            Detail = string.Create(CultureInfo.InvariantCulture,
                $"{window} refused calls in the last {_options.SpikeWindowMinutes} min against a usual {baselineRate:0.##} per minute; latest: {call.Rejection!.Code}."),
            ClientAddress = call.ClientAddress,
            UserAgent = call.UserAgent,
            Rejections = window,
            BaselinePerMinute = Math.Round(baselineRate, 3),
        });
    }

    private static void Count(KeyWatch watch, long minute, long count, long now, int span)
    {
        if (now - minute >= span || minute > now + 1)
            return;
        var slot = (int)(((minute % span) + span) % span);
        if (watch.Minutes![slot] != minute)
        {
            watch.Minutes[slot] = minute;
            watch.Counts![slot] = 0;
        }
        watch.Counts![slot] += count;
    }

    private sealed class KeyWatch
    {
        public HashSet<string>? Addresses;
        public long[]? Minutes;
        public long[]? Counts;
        public long? LastSpikeMinute;
    }
}

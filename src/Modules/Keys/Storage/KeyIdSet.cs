using System.Collections.Concurrent;
using System.Security.Cryptography;
using KsQuery.Modules.Keys.KeyFormat;

namespace KsQuery.Modules.Keys.Storage;

/// <summary>
/// The set of stored key ids, held as the 64-bit numbers they spell (an id is 11 base62 characters of one
/// <see cref="ulong"/>): about 16 bytes per id in an open-addressing table instead of ~100 for a string in a dictionary,
/// so a million ids take ~16 MB. Reads take no lock and allocate nothing (the keyed path asks it for every well-formed
/// key); writes are serialized. Ids that are not such numbers (none the service issues) are kept in a plain dictionary.
/// </summary>
internal sealed class KeyIdSet
{
    private const ulong Empty = 0;
    private const ulong Removed = 1;
    private const int InitialCapacity = 1024;

    // Linear probing on a power-of-two table at most half full (tombstones included), so a miss ends within a few slots.
    // Ids 0 and 1 would collide with the markers: flags hold them.
    private ulong[] _slots = new ulong[InitialCapacity];
    private int _used;
    private int _tombstones;
    private volatile bool _hasZero;
    private volatile bool _hasOne;

    // Multiplier of the slot hash: random per process, so nobody can aim ids at one cluster of slots.
    private readonly ulong _multiplier = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong))) | 1;
    private readonly Lock _writes = new();
    private readonly ConcurrentDictionary<string, byte> _others = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte>.AlternateLookup<ReadOnlySpan<char>> _othersBySpan;

    public KeyIdSet() => _othersBySpan = _others.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _used + (_hasZero ? 1 : 0) + (_hasOne ? 1 : 0) + _others.Count;

    public bool Contains(ReadOnlySpan<char> id)
    {
        if (!TryNumber(id, out var number))
            return _othersBySpan.ContainsKey(id);
        if (number <= Removed)
            return number == Empty ? _hasZero : _hasOne;
        var slots = Volatile.Read(ref _slots);
        var mask = slots.Length - 1;
        for (var i = Slot(number, mask); ; i = (i + 1) & mask)
        {
            var slot = Volatile.Read(ref slots[i]);
            if (slot == number)
                return true;
            if (slot == Empty)
                return false;
        }
    }

    public void Add(string id)
    {
        if (!TryNumber(id, out var number))
        {
            _others.TryAdd(id, 0);
            return;
        }
        lock (_writes)
        {
            if (number <= Removed)
            {
                if (number == Empty)
                    _hasZero = true;
                else
                    _hasOne = true;
                return;
            }
            if (IndexOf(_slots, number) >= 0)
                return;
            if ((_used + _tombstones + 1) * 2 > _slots.Length)
                Resize();
            var slots = _slots;
            var mask = slots.Length - 1;
            var i = Slot(number, mask);
            while (slots[i] != Empty && slots[i] != Removed)
                i = (i + 1) & mask;
            if (slots[i] == Removed)
                _tombstones--;
            Volatile.Write(ref slots[i], number);
            _used++;
        }
    }

    public void Remove(string id)
    {
        if (!TryNumber(id, out var number))
        {
            _others.TryRemove(id, out _);
            return;
        }
        lock (_writes)
        {
            if (number <= Removed)
            {
                if (number == Empty)
                    _hasZero = false;
                else
                    _hasOne = false;
                return;
            }
            var index = IndexOf(_slots, number);
            if (index < 0)
                return;
            // A tombstone, not Empty: readers probing past this slot must go on to the ids placed after it.
            Volatile.Write(ref _slots[index], Removed);
            _used--;
            _tombstones++;
        }
    }

    private static bool TryNumber(ReadOnlySpan<char> id, out ulong number)
    {
        number = 0;
        return id.Length == Base62.UInt64Width && Base62.TryDecode(id, ulong.MaxValue, out number);
    }

    private int Slot(ulong number, int mask) => (int)((number * _multiplier) >> 32) & mask;

    private int IndexOf(ulong[] slots, ulong number)
    {
        var mask = slots.Length - 1;
        for (var i = Slot(number, mask); ; i = (i + 1) & mask)
        {
            if (slots[i] == number)
                return i;
            if (slots[i] == Empty)
                return -1;
        }
    }

    // A new table, filled before it is published: readers still on the old one see every id it held.
    private void Resize()
    {
        // Doubles when ids fill over a quarter; else only the tombstones go.
        var capacity = (_used + 1) * 4 > _slots.Length ? _slots.Length * 2 : _slots.Length;
        var next = new ulong[capacity];
        var mask = capacity - 1;
        foreach (var number in _slots)
        {
            if (number <= Removed)
                continue;
            var i = Slot(number, mask);
            while (next[i] != Empty)
                i = (i + 1) & mask;
            next[i] = number;
        }
        Volatile.Write(ref _slots, next);
        _tombstones = 0;
    }
}

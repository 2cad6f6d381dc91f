using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>A compact binary copy of the in-memory ledger beside the LiteDB file: a restart reads it in a fraction of
/// the time LiteDB needs to deserialize every document. LiteDB stays the source of truth: a snapshot is used only when
/// its header (seed, height, latest hash) matches the store, and its SHA-256 trailer guards against a damaged file.</summary>
/// <remarks>Layout: magic, format, seed, height, latest hash, the string table (each distinct string once), then the
/// blocks, each followed by its transactions, and the world state; strings are table indexes (0 = null).</remarks>
internal static class LedgerSnapshot
{
    public const string FileName = "kalp-testnet.snapshot";
    private const int FormatVersion = 1;
    private const int HashLength = 32;
    private static ReadOnlySpan<byte> Magic => "KALPSNAP"u8;

    internal readonly record struct Header(long Seed, long Height, string LatestHash);

    /// <summary>Writes the snapshot atomically (temporary file, then rename). Call it only while no block is appended.</summary>
    public static void Write(string directory, LocalLedger ledger, long seed)
    {
        var blocks = ledger.Blocks;
        var transactions = ledger.Transactions;
        var state = ledger.State;
        var strings = new StringTable();
        using var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            w.Write7BitEncodedInt(blocks.Count);
            var next = 0;
            foreach (var block in blocks)
            {
                strings.Write(w, block.Hash);
                strings.Write(w, block.PreviousHash);
                strings.Write(w, block.DataHash);
                w.Write(block.Timestamp.ToUnixTimeMilliseconds());
                w.Write7BitEncodedInt(block.TxIds.Count);
                for (var i = 0; i < block.TxIds.Count; i++)
                {
                    WriteTransaction(w, strings, transactions[next++]);
                }
            }
            w.Write7BitEncodedInt(state.Contracts.Count);
            foreach (var c in state.Contracts)
            {
                foreach (var text in (ReadOnlySpan<string>)[c.ContractId, c.Name, c.Symbol, c.Version, c.Owner, c.DeployTxId])
                {
                    strings.Write(w, text);
                }
                w.Write7BitEncodedInt(c.Decimals);
                w.Write7BitEncodedInt64(c.DeployBlock);
                w.Write(c.CreatedAt.ToUnixTimeMilliseconds());
            }
            w.Write7BitEncodedInt(state.Supplies.Count);
            foreach (var (contractId, supply) in state.Supplies)
            {
                strings.Write(w, contractId);
                WriteAmount(w, supply);
            }
            w.Write7BitEncodedInt(state.Balances.Count);
            foreach (var (key, value) in state.Balances)
            {
                strings.Write(w, key.ContractId);
                strings.Write(w, key.Address);
                WriteAmount(w, value);
            }
            w.Write7BitEncodedInt(state.Allowances.Count);
            foreach (var (key, value) in state.Allowances)
            {
                strings.Write(w, key.ContractId);
                strings.Write(w, key.Owner);
                strings.Write(w, key.Spender);
                WriteAmount(w, value);
            }
        }

        using var file = new MemoryStream((int)body.Length + 64 * strings.Count);
        using (var w = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(seed);
            w.Write((long)blocks.Count);
            w.Write(blocks[^1].Hash);
            w.Write7BitEncodedInt(strings.Count);
            foreach (var text in strings.InOrder)
            {
                w.Write(text);
            }
            body.WriteTo(file);
            w.Write(SHA256.HashData(file.GetBuffer().AsSpan(0, (int)file.Length)));
        }

        var path = Path.Combine(directory, FileName);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.WriteTo(stream);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads the snapshot into a new ledger; null when there is none or it is damaged or of another format.</summary>
    public static (Header Header, LocalLedger Ledger)? TryRead(string directory)
    {
        byte[] data;
        try
        {
            data = File.ReadAllBytes(Path.Combine(directory, FileName));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (data.Length < Magic.Length + 4 + HashLength || !data.AsSpan(0, Magic.Length).SequenceEqual(Magic)
            || BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(Magic.Length)) != FormatVersion
            || !SHA256.HashData(data.AsSpan(0, data.Length - HashLength)).AsSpan().SequenceEqual(data.AsSpan(data.Length - HashLength)))
        {
            return null;
        }
        try
        {
            return Read(new Reader(data, Magic.Length + 4, data.Length - HashLength));
        }
        catch (Exception ex) when (ex is EndOfStreamException or IndexOutOfRangeException or FormatException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    private static (Header, LocalLedger) Read(Reader r)
    {
        var header = new Header(r.ReadInt64(), r.ReadInt64(), r.ReadString());
        // Slot 0 is null: a reference to a missing string.
        var strings = new string?[r.Read7BitEncodedInt() + 1];
        for (var i = 1; i < strings.Length; i++)
        {
            strings[i] = r.ReadString();
        }
        string? Text() => strings[r.Read7BitEncodedInt()];
        string Required() => Text() ?? throw new FormatException("A required string is missing.");

        var blocks = new LedgerBlock[r.Read7BitEncodedInt()];
        var transactions = new List<LedgerTransaction>(blocks.Length * 4);
        for (var number = 0; number < blocks.Length; number++)
        {
            var hash = Required();
            var previousHash = Text();
            var dataHash = Required();
            var timestamp = Time(r);
            var txIds = new string[r.Read7BitEncodedInt()];
            for (var i = 0; i < txIds.Length; i++)
            {
                var tx = ReadTransaction(r, strings, number);
                txIds[i] = tx.TxId;
                transactions.Add(tx);
            }
            blocks[number] = new LedgerBlock(number, hash, previousHash, dataHash, timestamp, txIds);
        }

        var contracts = new ContractRecord[r.Read7BitEncodedInt()];
        for (var i = 0; i < contracts.Length; i++)
        {
            string id = Required(), name = Required(), symbol = Required(), version = Required(), owner = Required(), deployTxId = Required();
            contracts[i] = new ContractRecord(id, name, symbol, r.Read7BitEncodedInt(), version, owner, deployTxId, r.Read7BitEncodedInt64(), Time(r));
        }
        var supplies = new KeyValuePair<string, UInt128>[r.Read7BitEncodedInt()];
        for (var i = 0; i < supplies.Length; i++)
        {
            supplies[i] = new(Required(), ReadAmount(r));
        }
        var balances = new KeyValuePair<BalanceKey, UInt128>[r.Read7BitEncodedInt()];
        for (var i = 0; i < balances.Length; i++)
        {
            balances[i] = new(new BalanceKey(Required(), Required()), ReadAmount(r));
        }
        var allowances = new KeyValuePair<AllowanceKey, UInt128>[r.Read7BitEncodedInt()];
        for (var i = 0; i < allowances.Length; i++)
        {
            allowances[i] = new(new AllowanceKey(Required(), Required(), Required()), ReadAmount(r));
        }
        if (blocks.Length != header.Height || blocks.Length == 0 || blocks[^1].Hash != header.LatestHash || !r.AtEnd)
        {
            throw new FormatException("The snapshot's body does not match its header.");
        }

        var ledger = new LocalLedger();
        ledger.Restore(blocks, transactions, contracts, supplies, balances, allowances);
        return (header, ledger);
    }

    private static void WriteTransaction(BinaryWriter w, StringTable strings, LedgerTransaction tx)
    {
        strings.Write(w, tx.TxId);
        w.Write7BitEncodedInt(tx.TxIndex);
        w.Write(tx.Timestamp.ToUnixTimeMilliseconds());
        strings.Write(w, tx.Type);
        strings.Write(w, tx.CreatorMspId);
        strings.Write(w, tx.Creator);
        strings.Write(w, tx.ChaincodeName);
        strings.Write(w, tx.Function);
        w.Write7BitEncodedInt(tx.Args.Count);
        foreach (var arg in tx.Args)
        {
            strings.Write(w, arg);
        }
        w.Write7BitEncodedInt(tx.ReadSet.Count);
        foreach (var read in tx.ReadSet)
        {
            strings.Write(w, read.Key);
            w.Write(read.Version is not null);
            if (read.Version is { } version)
            {
                w.Write7BitEncodedInt64(version.BlockNumber);
                w.Write7BitEncodedInt(version.TxNumber);
            }
        }
        w.Write7BitEncodedInt(tx.WriteSet.Count);
        foreach (var write in tx.WriteSet)
        {
            strings.Write(w, write.Key);
            strings.Write(w, write.Value);
        }
        w.Write(tx.Event is not null);
        if (tx.Event is { } e)
        {
            strings.Write(w, e.Name);
            w.Write7BitEncodedInt(e.Payload.Count);
            foreach (var (key, value) in e.Payload)
            {
                strings.Write(w, key);
                strings.Write(w, value);
            }
        }
        w.Write7BitEncodedInt(tx.ValidationCode);
    }

    private static LedgerTransaction ReadTransaction(Reader r, string?[] strings, long blockNumber)
    {
        string? Text() => strings[r.Read7BitEncodedInt()];
        string Required() => Text() ?? throw new FormatException("A required string is missing.");

        var txId = Required();
        var txIndex = r.Read7BitEncodedInt();
        var timestamp = Time(r);
        string type = Required(), mspId = Required();
        string? creator = Text(), chaincode = Text(), function = Text();
        var args = new string[r.Read7BitEncodedInt()];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = Required();
        }
        var reads = new ReadItem[r.Read7BitEncodedInt()];
        for (var i = 0; i < reads.Length; i++)
        {
            var key = Required();
            reads[i] = new ReadItem(key, r.ReadBoolean() ? new KeyVersion(r.Read7BitEncodedInt64(), r.Read7BitEncodedInt()) : null);
        }
        var writes = new WriteItem[r.Read7BitEncodedInt()];
        for (var i = 0; i < writes.Length; i++)
        {
            writes[i] = new WriteItem(Required(), Required());
        }
        ChaincodeEvent? chaincodeEvent = null;
        if (r.ReadBoolean())
        {
            var name = Required();
            var payload = new KeyValuePair<string, string>[r.Read7BitEncodedInt()];
            for (var i = 0; i < payload.Length; i++)
            {
                payload[i] = new(Required(), Required());
            }
            chaincodeEvent = new ChaincodeEvent(name, payload);
        }
        return new LedgerTransaction(txId, blockNumber, txIndex, timestamp, type, mspId, creator, chaincode, function,
            args, reads, writes, chaincodeEvent, r.Read7BitEncodedInt());
    }

    private static DateTimeOffset Time(Reader r) => DateTimeOffset.FromUnixTimeMilliseconds(r.ReadInt64());

    private static void WriteAmount(BinaryWriter w, UInt128 value)
    {
        w.Write((ulong)value);
        w.Write((ulong)(value >> 64));
    }

    private static UInt128 ReadAmount(Reader r)
    {
        var lower = r.ReadUInt64();
        return new UInt128(r.ReadUInt64(), lower);
    }

    /// <summary>Reads what <see cref="BinaryWriter"/> wrote, straight from the file's bytes (no stream, no char buffers).</summary>
    private sealed class Reader(byte[] data, int start, int end)
    {
        private int _position = start;

        public bool AtEnd => _position == end;

        public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

        public bool ReadBoolean() => Take(1)[0] != 0;

        public int Read7BitEncodedInt() => unchecked((int)(uint)Read7BitEncodedInt64());

        public long Read7BitEncodedInt64()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = Take(1)[0];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return (long)value;
                }
            }
            throw new FormatException("Bad 7-bit encoded number.");
        }

        public string ReadString() => Encoding.UTF8.GetString(Take(Read7BitEncodedInt()));

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count < 0 || count > end - _position)
            {
                throw new EndOfStreamException();
            }
            _position += count;
            return data.AsSpan(_position - count, count);
        }
    }

    /// <summary>Numbers each distinct string once, in order of first use, from 1.</summary>
    private sealed class StringTable
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

        public List<string> InOrder { get; } = [];

        public int Count => InOrder.Count;

        public void Write(BinaryWriter w, string? text)
        {
            if (text is null)
            {
                w.Write7BitEncodedInt(0);
                return;
            }
            if (!_ids.TryGetValue(text, out var id))
            {
                InOrder.Add(text);
                _ids[text] = id = InOrder.Count;
            }
            w.Write7BitEncodedInt(id);
        }
    }
}

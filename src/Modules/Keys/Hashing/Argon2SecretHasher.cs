using System.Security.Cryptography;
using Konscious.Security.Cryptography;
using KsQuery.Modules.Keys.Telemetry;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Hashing;

/// <summary>Argon2id (Konscious) with a process-wide cap on concurrent computations, since each one
/// costs tens of milliseconds and ~19 MiB: floods of logins, sign-ups or key creations queue instead of
/// exhausting CPU and memory, each in its own partition of the <see cref="FairHashingQueue"/>, so one party's flood
/// does not hold up everyone else's logins.</summary>
internal sealed class Argon2SecretHasher : ISecretHasher, IDisposable
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly Argon2Options _options;
    private readonly FairHashingQueue _queue;
    private readonly Lazy<Task<string>> _dummy;
    private readonly WorkingMemoryReclaimer _reclaimer;
    private readonly KeysMetrics? _metrics;
    private readonly TimeProvider _time;

    public Argon2SecretHasher(IOptions<Argon2Options> options, FairHashingQueue queue, TimeProvider time, KeysMetrics? metrics = null)
    {
        _metrics = metrics;
        _time = time;
        _options = options.Value;
        _queue = queue;
        _reclaimer = new WorkingMemoryReclaimer(time, () => _queue.Running == 0);
        _dummy = new Lazy<Task<string>>(() => HashAsync(RandomNumberGenerator.GetBytes(SaltBytes), HashPartition.WarmUp, CancellationToken.None));
    }

    public async Task<string> HashAsync(ReadOnlyMemory<byte> secret, HashPartition partition, CancellationToken cancellationToken)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = await ComputeAsync(secret, partition, salt, _options.MemoryKiB, _options.Iterations, _options.Parallelism, HashBytes, cancellationToken);
        return new PhcString(_options.MemoryKiB, _options.Iterations, _options.Parallelism, salt, hash).ToString();
    }

    public async Task<HashVerification> VerifyAsync(ReadOnlyMemory<byte> secret, string hash, HashPartition partition,
        CancellationToken cancellationToken)
    {
        if (!PhcString.TryParse(hash, out var phc))
            return HashVerification.Failed;
        var actual = await ComputeAsync(secret, partition, phc.Salt, phc.MemoryKiB, phc.Iterations, phc.Parallelism, phc.Hash.Length, cancellationToken);
        if (!CryptographicOperations.FixedTimeEquals(actual, phc.Hash))
            return HashVerification.Failed;
        return phc.MemoryKiB == _options.MemoryKiB && phc.Iterations == _options.Iterations &&
               phc.Parallelism == _options.Parallelism && phc.Salt.Length == SaltBytes && phc.Hash.Length == HashBytes
            ? HashVerification.Succeeded
            : HashVerification.SucceededRehashNeeded;
    }

    public async Task VerifyDummyAsync(ReadOnlyMemory<byte> secret, HashPartition partition, CancellationToken cancellationToken)
    {
        var dummy = await _dummy.Value.WaitAsync(cancellationToken);
        await VerifyAsync(secret, dummy, partition, cancellationToken);
    }

    private async Task<byte[]> ComputeAsync(ReadOnlyMemory<byte> secret, HashPartition partition, byte[] salt, int memoryKiB,
        int iterations, int parallelism, int length, CancellationToken cancellationToken)
    {
        await _queue.EnterAsync(partition.Name, cancellationToken);
        var started = _time.GetTimestamp();
        try
        {
            using var argon = new Argon2id(secret.ToArray())
            {
                Salt = salt,
                MemorySize = memoryKiB,
                Iterations = iterations,
                DegreeOfParallelism = parallelism,
            };
            return await argon.GetBytesAsync(length);
        }
        finally
        {
            _metrics?.Argon2Computed(_time.GetElapsedTime(started));
            _queue.Exit();
            if (_queue.Running == 0)
                _reclaimer.HashingStopped();
        }
    }

    public void Dispose() => _reclaimer.Dispose();
}

using System.Security.Cryptography;
using Konscious.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Hashing;

/// <summary>Argon2id (Konscious) with a process-wide cap on concurrent computations, since each one
/// costs tens of milliseconds and ~19 MiB: floods of logins or unknown keys queue instead of
/// exhausting CPU and memory.</summary>
internal sealed class Argon2SecretHasher : ISecretHasher, IDisposable
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly Argon2Options _options;
    private readonly SemaphoreSlim _gate;
    private readonly Lazy<Task<string>> _dummy;
    private readonly WorkingMemoryReclaimer _reclaimer;

    public Argon2SecretHasher(IOptions<Argon2Options> options, TimeProvider time)
    {
        _options = options.Value;
        _gate = new SemaphoreSlim(_options.EffectiveMaxConcurrency);
        _reclaimer = new WorkingMemoryReclaimer(time, () => _gate.CurrentCount == _options.EffectiveMaxConcurrency);
        _dummy = new Lazy<Task<string>>(() => HashAsync(RandomNumberGenerator.GetBytes(SaltBytes), CancellationToken.None));
    }

    public async Task<string> HashAsync(ReadOnlyMemory<byte> secret, CancellationToken cancellationToken)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = await ComputeAsync(secret, salt, _options.MemoryKiB, _options.Iterations, _options.Parallelism, HashBytes, cancellationToken);
        return new PhcString(_options.MemoryKiB, _options.Iterations, _options.Parallelism, salt, hash).ToString();
    }

    public async Task<HashVerification> VerifyAsync(ReadOnlyMemory<byte> secret, string hash, CancellationToken cancellationToken)
    {
        if (!PhcString.TryParse(hash, out var phc))
            return HashVerification.Failed;
        var actual = await ComputeAsync(secret, phc.Salt, phc.MemoryKiB, phc.Iterations, phc.Parallelism, phc.Hash.Length, cancellationToken);
        if (!CryptographicOperations.FixedTimeEquals(actual, phc.Hash))
            return HashVerification.Failed;
        return phc.MemoryKiB == _options.MemoryKiB && phc.Iterations == _options.Iterations &&
               phc.Parallelism == _options.Parallelism && phc.Salt.Length == SaltBytes && phc.Hash.Length == HashBytes
            ? HashVerification.Succeeded
            : HashVerification.SucceededRehashNeeded;
    }

    public async Task VerifyDummyAsync(ReadOnlyMemory<byte> secret, CancellationToken cancellationToken)
    {
        var dummy = await _dummy.Value.WaitAsync(cancellationToken);
        await VerifyAsync(secret, dummy, cancellationToken);
    }

    private async Task<byte[]> ComputeAsync(ReadOnlyMemory<byte> secret, byte[] salt, int memoryKiB, int iterations, int parallelism,
        int length, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
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
            // Release answers the count before it: one below the cap means this was the last hash running.
            if (_gate.Release() + 1 == _options.EffectiveMaxConcurrency)
                _reclaimer.HashingStopped();
        }
    }

    public void Dispose()
    {
        _reclaimer.Dispose();
        _gate.Dispose();
    }
}

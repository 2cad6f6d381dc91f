using System.Security.Cryptography;
using KsQuery.Modules.Keys.Hashing;

namespace Keys.Tests.Support;

/// <summary>A fast stand-in for Argon2 (SHA-256 with a marker) that counts how often it is asked.</summary>
internal sealed class CountingHasher : ISecretHasher
{
    private int _hashes;
    private int _verifications;

    public int Hashes => _hashes;
    public int Verifications => _verifications;
    public TimeSpan VerifyDelay { get; set; }

    /// <summary>Awaited by every verification after it is counted: a test holds verifications here to see how many
    /// requests reach the hash while others are still arriving.</summary>
    public Func<Task>? BeforeVerify { get; set; }

    public Task<string> HashAsync(ReadOnlyMemory<byte> secret, HashPartition partition, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _hashes);
        return Task.FromResult("fake$" + Convert.ToBase64String(SHA256.HashData(secret.Span)));
    }

    public async Task<HashVerification> VerifyAsync(ReadOnlyMemory<byte> secret, string hash, HashPartition partition, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _verifications);
        if (BeforeVerify is { } hold)
            await hold();
        if (VerifyDelay > TimeSpan.Zero)
            await Task.Delay(VerifyDelay, cancellationToken);
        return hash == "fake$" + Convert.ToBase64String(SHA256.HashData(secret.Span))
            ? HashVerification.Succeeded
            : HashVerification.Failed;
    }

    public async Task VerifyDummyAsync(ReadOnlyMemory<byte> secret, HashPartition partition, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _verifications);
        if (BeforeVerify is { } hold)
            await hold();
    }
}

namespace KsQuery.Modules.Keys.Hashing;

/// <summary>Argon2id hashing of passwords and API-key secrets; each piece of work takes its turn in its
/// <see cref="HashPartition"/>.</summary>
internal interface ISecretHasher
{
    Task<string> HashAsync(ReadOnlyMemory<byte> secret, HashPartition partition, CancellationToken cancellationToken);

    Task<HashVerification> VerifyAsync(ReadOnlyMemory<byte> secret, string hash, HashPartition partition, CancellationToken cancellationToken);

    /// <summary>Spends the time of one verification without a real hash (unknown account), so both answers look alike.</summary>
    Task VerifyDummyAsync(ReadOnlyMemory<byte> secret, HashPartition partition, CancellationToken cancellationToken);
}

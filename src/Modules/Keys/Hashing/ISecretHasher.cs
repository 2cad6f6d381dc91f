namespace KsQuery.Modules.Keys.Hashing;

/// <summary>Argon2id hashing of passwords and API-key secrets.</summary>
internal interface ISecretHasher
{
    Task<string> HashAsync(ReadOnlyMemory<byte> secret, CancellationToken cancellationToken);

    Task<HashVerification> VerifyAsync(ReadOnlyMemory<byte> secret, string hash, CancellationToken cancellationToken);

    /// <summary>Spends the time of one verification without a real hash (unknown account), so both answers look alike.</summary>
    Task VerifyDummyAsync(ReadOnlyMemory<byte> secret, CancellationToken cancellationToken);
}

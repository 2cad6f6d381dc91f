using KsQuery.Modules.Keys.Hashing;
using KsQuery.Modules.Keys.KeyFormat;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace KsQuery.Modules.Keys.ApiKeys;

/// <summary>Issues key material: only the Argon2id hash of the secret is kept, plus, for recoverable keys,
/// the plaintext encrypted with ASP.NET Core Data Protection.</summary>
internal sealed class KeyIssuer(ISecretHasher hasher, IDataProtectionProvider protection, TimeProvider time)
{
    public const string ProtectorPurpose = "KsQuery.Keys.RecoverableApiKey.v1";

    /// <summary>Attempts at a fresh random id when one collides (practically never with 64 random bits).</summary>
    public const int MaxAttempts = 3;

    private readonly IDataProtector _protector = protection.CreateProtector(ProtectorPurpose);

    public async Task<(ApiKeyRecord Record, string Plaintext)> IssueAsync(KeySettings settings, CancellationToken cancellationToken)
    {
        var material = ApiKeyCodec.Generate(settings.IsTest);
        var hash = await hasher.HashAsync(material.Secret, HashPartition.Account(settings.AccountId), cancellationToken);
        var record = new ApiKeyRecord
        {
            Id = material.KeyId,
            AccountId = settings.AccountId,
            Name = settings.Name,
            Description = settings.Description,
            Chain = settings.Chain,
            Network = settings.Network,
            IsTest = settings.IsTest,
            Display = material.Display,
            SecretHash = hash,
            SecretCheck = SecretCheck.Of(hash, material.Secret),
            Recoverable = settings.Recoverable,
            ProtectedKey = settings.Recoverable ? _protector.Protect(material.Plaintext) : null,
            CreatedAt = time.GetUtcNow(),
            ExpiresAt = settings.ExpiresAt,
            RateLimitPerSecond = settings.RateLimitPerSecond,
            MonthlyQuota = settings.MonthlyQuota,
            TeamId = settings.TeamId,
            CreatedBy = settings.CreatedBy,
            Restrictions = settings.Restrictions,
        };
        return (record, material.Plaintext);
    }

    /// <summary>The plaintext of a recoverable key; throws <see cref="System.Security.Cryptography.CryptographicException"/>
    /// when the key ring that protected it is gone.</summary>
    public string Reveal(ApiKeyRecord key) => _protector.Unprotect(key.ProtectedKey!);

    public static KeySettings SettingsOf(ApiKeyRecord key) => new(key.AccountId, key.Name, key.Description, key.Chain,
        key.Network, key.IsTest, key.ExpiresAt, key.RateLimitPerSecond, key.MonthlyQuota, key.Recoverable, key.TeamId, key.CreatedBy,
        key.Restrictions);
}

namespace KsQuery.Modules.Keys.Storage;

/// <summary>A stored API key. Only an Argon2id hash of the secret is kept, with its 16-bit
/// <see cref="Hashing.SecretCheck"/>; <see cref="ProtectedKey"/> holds the Data-Protection-encrypted plaintext of
/// recoverable keys.</summary>
internal sealed record ApiKeyRecord
{
    public required string Id { get; init; }

    /// <summary>The owner: the account, or for a team's key the team (then equal to <see cref="TeamId"/>). Team ids start
    /// with <c>team_</c> and never equal an account id, so a check "is this the caller's key" fails for every team key.</summary>
    public required string AccountId { get; init; }

    /// <summary>The team that owns the key; null for a personal key.</summary>
    public string? TeamId { get; init; }

    /// <summary>The account that issued the key (a team member); null for personal keys issued before teams existed.</summary>
    public string? CreatedBy { get; init; }

    public required string Name { get; init; }
    public string? Description { get; init; }
    public required string Chain { get; init; }
    public required string Network { get; init; }
    public required bool IsTest { get; init; }
    public required string Display { get; init; }
    public required string SecretHash { get; init; }

    /// <summary><see cref="Hashing.SecretCheck"/> of the secret; null for keys issued before it existed, until their
    /// first successful use stores it.</summary>
    public int? SecretCheck { get; init; }

    public bool Recoverable { get; init; }
    public string? ProtectedKey { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When a rolled key stops working (end of its grace period); revocation is evaluated lazily.</summary>
    public DateTimeOffset? RevokeAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }
    public string? ReplacedBy { get; init; }
    public required int RateLimitPerSecond { get; init; }
    public long? MonthlyQuota { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>Where and for what the key may be used; null for none (the default).</summary>
    public ApiKeys.Restrictions.KeyRestrictions? Restrictions { get; init; }

    /// <summary>Keys that keep their name reserved: not revoked and not being rolled away.</summary>
    public bool HoldsName => RevokedAt is null && RevokeAt is null;

    /// <summary>The key revoked at <paramref name="now"/>, its recoverable copy dropped: a rolled key in its grace period is
    /// revoked now, one whose grace ended keeps that moment, a revoked key is left as it is.</summary>
    public ApiKeyRecord RevokedAsOf(DateTimeOffset now) =>
        RevokedAt is not null ? this : this with { RevokedAt = RevokeAt <= now ? RevokeAt : now, ProtectedKey = null };

    public ApiKeyStatus StatusAt(DateTimeOffset now) =>
        RevokedAt is not null || RevokeAt <= now ? ApiKeyStatus.Revoked
        : ExpiresAt <= now ? ApiKeyStatus.Expired
        : ApiKeyStatus.Active;
}

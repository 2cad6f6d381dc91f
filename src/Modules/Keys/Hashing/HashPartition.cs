namespace KsQuery.Modules.Keys.Hashing;

/// <summary>Whose turn a piece of Argon2 work takes in the <see cref="FairHashingQueue"/>: the party that can cause it
/// in bulk, so that party's flood waits behind everyone else's work.</summary>
internal readonly record struct HashPartition(string Name)
{
    /// <summary>A login, by the account it names (known or not).</summary>
    public static HashPartition Login(string normalizedEmail) => new("login:" + normalizedEmail);

    /// <summary>A sign-up, by the client address it comes from.</summary>
    public static HashPartition SignUp(string? clientAddress) => new("sign-up:" + (clientAddress ?? "unknown"));

    /// <summary>Work of a signed-in account: key creation and rolls, password checks of reveals.</summary>
    public static HashPartition Account(string accountId) => new("account:" + accountId);

    /// <summary>The first verification of an API key, by the account that owns the key.</summary>
    public static HashPartition KeyOwner(string accountId) => new("key-owner:" + accountId);

    public static readonly HashPartition WarmUp = new("warm-up");
}

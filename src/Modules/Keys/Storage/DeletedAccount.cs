namespace KsQuery.Modules.Keys.Storage;

/// <summary>An account deleted by its owner: gone from the accounts (its email free again), its keys and usage kept until
/// <paramref name="PurgeAt"/>.</summary>
internal sealed record DeletedAccount(string Id, DateTimeOffset DeletedAt, DateTimeOffset PurgeAt);

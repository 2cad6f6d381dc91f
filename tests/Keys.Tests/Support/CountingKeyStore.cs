using System.Collections.Concurrent;
using KsQuery.Modules.Keys.Storage;

namespace Keys.Tests.Support;

/// <summary>An in-memory key store that counts reads.</summary>
internal sealed class CountingKeyStore : IApiKeyStore
{
    private readonly ConcurrentDictionary<string, ApiKeyRecord> _keys = new(StringComparer.Ordinal);
    private int _finds;

    public int Finds => _finds;

    public void Put(ApiKeyRecord key) => _keys[key.Id] = key;

    public ApiKeyRecord Get(string id) => _keys[id];

    public void Remove(string id) => _keys.TryRemove(id, out _);

    public Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _finds);
        return Task.FromResult(_keys.GetValueOrDefault(id));
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ListEndingBetweenAsync(DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ApiKeyRecord>>(_keys.Values
            .Where(k => (k.ExpiresAt > after && k.ExpiresAt <= until) || (k.RevokeAt > after && k.RevokeAt <= until)).ToList());

    public bool MayExist(ReadOnlySpan<char> id) => _keys.ContainsKey(id.ToString());

    public Task<IReadOnlyList<ApiKeyRecord>> ListByAccountAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ApiKeyRecord>>(_keys.Values.Where(k => k.AccountId == accountId).ToList());

    public Task<IReadOnlyList<ApiKeyRecord>> ListAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ApiKeyRecord>>(_keys.Values.ToList());

    public Task<KeyWrite> TryInsertAsync(ApiKeyRecord key, KeyLimit limit, CancellationToken cancellationToken) =>
        Task.FromResult(_keys.TryAdd(key.Id, key) ? KeyWrite.Done : KeyWrite.DuplicateId);

    public Task<(KeyWrite Result, ApiKeyRecord? Key)> TryChangeAsync(string id, string accountId, Func<ApiKeyRecord, ApiKeyRecord> change,
        CancellationToken cancellationToken)
    {
        if (!_keys.TryGetValue(id, out var key) || key.AccountId != accountId)
            return Task.FromResult<(KeyWrite, ApiKeyRecord?)>((KeyWrite.NotFound, null));
        var changed = change(key);
        _keys[id] = changed;
        return Task.FromResult<(KeyWrite, ApiKeyRecord?)>((KeyWrite.Done, changed));
    }

    public Task<KeyWrite> TryRollAsync(ApiKeyRecord retiring, ApiKeyRecord replacement, KeyLimit limit, CancellationToken cancellationToken)
    {
        _keys[retiring.Id] = retiring;
        _keys[replacement.Id] = replacement;
        return Task.FromResult(KeyWrite.Done);
    }

    public Task SetSecretCheckAsync(string id, string secretHash, int check, CancellationToken cancellationToken)
    {
        if (_keys.TryGetValue(id, out var key) && key.SecretHash == secretHash && key.SecretCheck is null)
            _keys[id] = key with { SecretCheck = check };
        return Task.CompletedTask;
    }

    public Task DeleteByAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        foreach (var key in _keys.Values.Where(k => k.AccountId == accountId))
            _keys.TryRemove(key.Id, out _);
        return Task.CompletedTask;
    }

    public Task SetLastUsedAsync(IReadOnlyCollection<KeyValuePair<string, DateTimeOffset>> lastUse, CancellationToken cancellationToken)
    {
        foreach (var (id, at) in lastUse)
            if (_keys.TryGetValue(id, out var key))
                _keys[id] = key with { LastUsedAt = at };
        return Task.CompletedTask;
    }
}

using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Queries;
using KsQuery.Modules.Usage.Storage;

namespace KsQuery.Modules.Usage.Rejections;

/// <summary>Reads a key's rejections after the calls answered before the read are counted (as every usage read does); when
/// that cannot be done within <see cref="UsageOptions.ReadTimeout"/> the page says it is not available.</summary>
internal sealed class KeyRejectionLog(UsageQueries queries) : IKeyRejectionLog
{
    public async Task<KeyRejectionsPage> FindAsync(GetKeyRejections query, CancellationToken cancellationToken)
    {
        try
        {
            var (items, total) = await queries.KeyRejectionsAsync(query.KeyId, query.From, query.To, query.Take, cancellationToken);
            return new KeyRejectionsPage(items.Select(ToEntry).ToList(), total, Available: true);
        }
        catch (UsageUnavailableException)
        {
            return new KeyRejectionsPage([], 0, Available: false);
        }
    }

    private static KeyRejectionEntry ToEntry(StoredRejection r) => new(new DateTimeOffset(StoredTime.Utc(r.At), TimeSpan.Zero), r.Code,
        r.Status, r.Ip, r.UserAgent, r.Method, r.Path);
}

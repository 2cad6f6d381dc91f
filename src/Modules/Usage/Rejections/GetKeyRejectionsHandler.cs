using KsQuery.Contracts.Messages;

namespace KsQuery.Modules.Usage.Rejections;

/// <summary>Wolverine handler: answers the Keys module's question for one key's refused calls (its activity timeline).</summary>
public static class GetKeyRejectionsHandler
{
    public static Task<KeyRejectionsPage> Handle(GetKeyRejections query, IKeyRejectionLog log, CancellationToken cancellationToken) =>
        log.FindAsync(query, cancellationToken);
}

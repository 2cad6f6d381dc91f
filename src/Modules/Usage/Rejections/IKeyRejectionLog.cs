using KsQuery.Contracts.Messages;

namespace KsQuery.Modules.Usage.Rejections;

/// <summary>One key's refused calls, for <see cref="GetKeyRejectionsHandler"/> (public so Wolverine's generated code can
/// reach it; the implementation stays inside the module).</summary>
public interface IKeyRejectionLog
{
    Task<KeyRejectionsPage> FindAsync(GetKeyRejections query, CancellationToken cancellationToken);
}

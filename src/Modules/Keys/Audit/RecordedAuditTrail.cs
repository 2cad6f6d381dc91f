using System.Net;
using KsQuery.Contracts.Http;
using KsQuery.Contracts.Text;
using KsQuery.Modules.Keys.Storage;

namespace KsQuery.Modules.Keys.Audit;

/// <summary>The audit log's writer: adds the time, the actor's email at that moment and, for an action of an account, the
/// client address (after forwarded headers from trusted proxies) and user agent of the current request, then appends the
/// entry in the same request, so a change that was answered has its entry. System actions (no actor) carry no address.</summary>
internal sealed class RecordedAuditTrail(IAuditStore store, IAccountStore accounts, TimeProvider time) : IAuditTrail
{
    public const int MaxUserAgentLength = 256;

    public async ValueTask RecordAsync(AuditEvent entry, CancellationToken cancellationToken)
    {
        string? email = null, address = null, agent = null;
        if (entry.ActorAccountId is { } actor)
        {
            // Not cancelled with the request: the change it describes is already committed.
            email = (await accounts.FindByIdAsync(actor, CancellationToken.None))?.Email;
            if (CurrentRequest.Context is { } context)
            {
                address = AddressOf(context.Connection.RemoteIpAddress);
                agent = context.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? TextCut.AtMost(ua, MaxUserAgentLength) : null;
            }
        }
        store.Append(new AuditEntry(0, time.GetUtcNow(), entry.Action, entry.ActorAccountId, email, entry.KeyId, entry.RelatedKeyId,
            entry.TeamId, entry.SubjectAccountId, address, agent, entry.Before?.ToJsonString(), entry.After?.ToJsonString()));
    }

    private static string? AddressOf(IPAddress? address) =>
        address is null ? null : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}

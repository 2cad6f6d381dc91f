using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace KsQuery.Modules.Keys.Auth.Sessions;

/// <summary>Makes the bearer-token scheme refuse access tokens of an ended session (401 <c>unauthenticated</c>, as for an
/// expired token). The token is read once more only while some session has ended since start or within the token lifetime.</summary>
internal sealed class EndedSessionCheck(EndedSessions sessions) : IPostConfigureOptions<BearerTokenOptions>
{
    private const string Scheme = "Bearer ";

    /// <summary>Set in <c>HttpContext.Items</c> when the token was refused because its session has ended, so the 401 says so.</summary>
    public static readonly object Refused = new();

    public void PostConfigure(string? name, BearerTokenOptions options)
    {
        if (name != BearerTokenDefaults.AuthenticationScheme)
            return;
        var previous = options.Events.OnMessageReceived;
        options.Events.OnMessageReceived = async context =>
        {
            await previous(context);
            if (context.Result is not null || !sessions.Any)
                return;
            var header = context.Token ?? (context.Request.Headers[HeaderNames.Authorization].ToString() is { } value &&
                value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? value[Scheme.Length..].Trim() : null);
            if (string.IsNullOrEmpty(header))
                return;
            var ticket = context.Options.BearerTokenProtector.Unprotect(header);
            if (SessionClaims.SessionIdOf(ticket?.Principal) is { } sessionId && sessions.HasEnded(sessionId))
            {
                context.HttpContext.Items[Refused] = true;
                context.Fail("The session has ended.");
            }
        };
    }
}

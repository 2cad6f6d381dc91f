using Microsoft.AspNetCore.Authentication;

namespace KsQuery.Modules.Keys.Authentication;

internal sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    public const string HeaderName = "X-Api-Key";
}

using Microsoft.OpenApi;

namespace KsQuery.Host.OpenApi;

/// <summary>Gives every tag of the document a description (Scalar shows it above the tag's operations): the host's own
/// tags by name, and the chain API tags (<c>"{chain} {network}: {category}"</c>, one per catalog category) generically.</summary>
internal static class TagDescriptions
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["Accounts"] = "Sign up for a dashboard account (public).",
        ["Auth"] = "Log in for an access token, refresh it, log out (public; the token goes in `Authorization: Bearer <accessToken>`).",
        ["Me"] = "The signed-in account, its chain, network and active-key selection, its password, and deleting it (access token).",
        ["Sessions"] = "Your dashboard sessions (one per login): list them and end any of them (access token).",
        ["API keys"] = "Create, list, rename, roll, reveal and revoke the API keys that call the chain query APIs (access token).",
        ["Chains"] = "The known chains and networks, and the API catalog of each network (public).",
        ["Teams"] = "Teams that own keys and usage together: create one, invite members by email with a role (owner, admin, developer, viewer), accept an invitation, change roles, remove members or leave (access token).",
        ["Usage"] = "Calls, errors, latency, quota, refused calls and misuse alerts of your keys (access token).",
        ["Audit"] = "Who did what to your account and keys: logins, key changes and expiries, newest first; never key material (access token).",
        ["Health"] = "Health of the store, the key ring and every chain plugin (public).",
    };

    public static void AddTo(OpenApiDocument document)
    {
        if (document.Tags is null)
            return;
        foreach (var tag in document.Tags.Where(t => string.IsNullOrWhiteSpace(t.Description) && t.Name is not null))
            tag.Description = Known.TryGetValue(tag.Name!, out var known) ? known
                : tag.Name!.Split(": ", 2) is [var network, var category]
                    ? $"{category} query APIs of {network}, called with an API key in `X-Api-Key` (or `Authorization: Bearer <key>`)."
                    : null;
    }
}

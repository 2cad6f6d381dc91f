namespace KsQuery.Modules.Keys.Authentication;

/// <summary>The 401 codes of keyed calls (docs/api.md, "Chain query APIs").</summary>
internal static class KeyFailureCodes
{
    public const string Missing = "key_missing";
    public const string Invalid = "key_invalid";
    public const string Revoked = "key_revoked";
    public const string Expired = "key_expired";
    public const string Disabled = "key_disabled";

    public static string Detail(string code) => code switch
    {
        Missing => "Send an API key in the X-Api-Key header or as Authorization: Bearer <key>.",
        Revoked => "This API key has been revoked.",
        Expired => "This API key has expired.",
        Disabled => "The account of this API key is disabled.",
        _ => "The API key is not valid.",
    };
}

namespace KsQuery.Modules.Keys.Storage;

internal enum ApiKeyStatus { Active, Revoked, Expired }

internal static class ApiKeyStatusNames
{
    public const string Active = "active";
    public const string Revoked = "revoked";
    public const string Expired = "expired";

    public static string ToApi(this ApiKeyStatus status) => status switch
    {
        ApiKeyStatus.Active => Active,
        ApiKeyStatus.Revoked => Revoked,
        _ => Expired,
    };
}

namespace KsQuery.Modules.Keys.ApiKeys.Restrictions;

/// <summary>The OpenAPI description of <c>restrictions</c>, shared by create and edit.</summary>
internal static class RestrictionDocs
{
    public const string Text =
        "`restrictions` (none by default; shown in every answer about the key, not secret): `ipRanges` (IPv4/IPv6 CIDR ranges or " +
        "single addresses), `origins` (`https://app.example.com`, or `https://*.example.com` for every subdomain), `userAgents` " +
        "(substrings, matched case-insensitively) and `apis` (catalog ids of the key's network); each list at most 50 entries, an " +
        "empty or absent list places no restriction of its kind; a bad entry is 400 `validation_failed` naming it " +
        "(`restrictions.origins[1]`). A call outside them answers 403 `key_restricted` with `restriction` " +
        "(`ip`, `origin`, `user_agent` or `api`); a key with origins refuses a call without an `Origin` header.";
}

namespace KsQuery.Modules.Keys.ApiKeys.Restrictions;

/// <summary><c>restrictions</c> of a key, in requests (a list left out or null is empty) and in answers (every list
/// present, empty when that kind places no restriction). Not secret: shown wherever the key is.</summary>
internal sealed record ApiKeyRestrictionsDto(
    IReadOnlyList<string>? IpRanges = null,
    IReadOnlyList<string>? Origins = null,
    IReadOnlyList<string>? UserAgents = null,
    IReadOnlyList<string>? Apis = null)
{
    public static ApiKeyRestrictionsDto Of(KeyRestrictions? restrictions) => restrictions is null
        ? new([], [], [], [])
        : new(restrictions.IpRanges, restrictions.Origins, restrictions.UserAgents, restrictions.Apis);
}

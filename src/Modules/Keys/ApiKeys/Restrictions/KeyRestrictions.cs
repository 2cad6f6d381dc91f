namespace KsQuery.Modules.Keys.ApiKeys.Restrictions;

/// <summary>What a key may be used from and for, as stored (normalized: canonical CIDR text, lower-case origins, catalog
/// api ids as the catalog spells them). An empty list places no restriction of its kind; a key without any is stored
/// with none (<see cref="Storage.ApiKeyRecord.Restrictions"/> null).</summary>
internal sealed record KeyRestrictions(
    IReadOnlyList<string> IpRanges,
    IReadOnlyList<string> Origins,
    IReadOnlyList<string> UserAgents,
    IReadOnlyList<string> Apis)
{
    public static readonly KeyRestrictions None = new([], [], [], []);

    public bool IsEmpty => IpRanges.Count == 0 && Origins.Count == 0 && UserAgents.Count == 0 && Apis.Count == 0;

    public bool SameAs(KeyRestrictions other) =>
        IpRanges.SequenceEqual(other.IpRanges) && Origins.SequenceEqual(other.Origins) &&
        UserAgents.SequenceEqual(other.UserAgents) && Apis.SequenceEqual(other.Apis);
}

using System.Text.Json.Nodes;

namespace KsQuery.Modules.Keys.ApiKeys.Restrictions;

/// <summary>A key's restrictions as the audit log's before/after (<c>{"restrictions": {...}}</c>).</summary>
internal static class RestrictionsJson
{
    public static JsonObject Of(KeyRestrictions? restrictions)
    {
        var value = restrictions ?? KeyRestrictions.None;
        return new JsonObject
        {
            ["restrictions"] = new JsonObject
            {
                ["ipRanges"] = Array(value.IpRanges),
                ["origins"] = Array(value.Origins),
                ["userAgents"] = Array(value.UserAgents),
                ["apis"] = Array(value.Apis),
            },
        };
    }

    private static JsonArray Array(IReadOnlyList<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}

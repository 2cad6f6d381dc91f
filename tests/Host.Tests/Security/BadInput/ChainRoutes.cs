using System.Text.RegularExpressions;
using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt;
using static Host.Tests.Security.BadInput.BadValues;

namespace Host.Tests.Security.BadInput;

/// <summary>The chain APIs, read from the catalog of the built-in plugin the way the host maps them (the network's id and
/// each alias, lower-cased), with wrong values derived from each parameter's type, range and pattern. A new API of the
/// catalog gets its cases without any change here.</summary>
public static class ChainRoutes
{
    /// <summary>A valid value per parameter pattern (or type), so that one parameter at a time can be made wrong.
    /// A new pattern in a catalog needs a sample here.</summary>
    private static string Sample(ApiParameter parameter) => parameter switch
    {
        { Type: ParameterType.Integer } => (parameter.Minimum ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
        { Pattern: "^[0-9a-fA-F]{64}$" } => new string('a', 64),
        { Pattern: "^[0-9a-fA-F]{40}$" } => new string('a', 40),
        // The GINI token contract of the local Test Net ledger: contract-query reaches the body checks with it.
        { Pattern: "^(klp-[a-f0-9]+-cc|[A-Za-z0-9]{32}[0-9]{13})$" } => "klp-f02611a93e-cc",
        { Pattern: "^[A-Z][A-Za-z0-9]*$" } => "BalanceOf",
        // The EVM plugin's hashes, addresses and block numbers or tags.
        { Pattern: "^0x[0-9a-fA-F]{64}$" } => "0x" + new string('a', 64),
        { Pattern: "^0x[0-9a-fA-F]{40}$" } => "0x" + new string('a', 40),
        { Pattern: { } pattern } when pattern.StartsWith("^(latest|", StringComparison.Ordinal) => "latest",
        { Default: { } value } => value,
        _ => throw new InvalidOperationException($"No sample value for parameter '{parameter.Name}' ({parameter.Pattern}): add one to ChainRoutes.Sample."),
    };

    public static IReadOnlyList<RouteSpec> All { get; } = Build(new KalpDltPlugin().Descriptor);

    /// <summary>A path of a mapped chain API (any plugin's) with a valid sample in each path parameter.</summary>
    public static string SamplePath(string routePattern, ApiDescriptor api) =>
        api.Parameters.Where(p => p.In == ParameterLocation.Path)
            .Aggregate(routePattern, (p, parameter) => p.Replace("{" + parameter.Name + "}", Encode(Sample(parameter))));

    private static List<RouteSpec> Build(ChainDescriptor chain)
    {
        var routes = new List<RouteSpec>();
        foreach (var network in chain.Networks)
        {
            var names = (network.Aliases ?? []).Where(a => !string.Equals(a, network.Id, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase).Prepend(network.Id).Select(n => n.ToLowerInvariant());
            foreach (var name in names)
            foreach (var api in network.Apis)
                routes.Add(Route(chain.Id, name, api));
        }
        return routes;
    }

    private static RouteSpec Route(string chain, string network, ApiDescriptor api)
    {
        var pattern = $"/v1/{chain}/{network}/{api.Route}";
        var path = api.Parameters.Where(p => p.In == ParameterLocation.Path)
            .Aggregate(pattern, (p, parameter) => p.Replace("{" + parameter.Name + "}", Encode(Sample(parameter))));
        var method = api.Method == ApiMethod.Get ? "GET" : "POST";
        return new RouteSpec(method, pattern, Credential.CallerKey)
        {
            Path = path,
            IsChainApi = true,
            Segments =
            [
                .. api.Parameters.Where(p => p.In == ParameterLocation.Path).Select(p => new SegmentSpec(
                    api.Parameters.Where(o => o.In == ParameterLocation.Path && o != p)
                        .Aggregate(pattern, (t, other) => t.Replace("{" + other.Name + "}", Encode(Sample(other))))
                        .Replace("{" + p.Name + "}", "{value}"),
                    WrongValues(p))),
            ],
            Query = [.. api.Parameters.Where(p => p.In == ParameterLocation.Query).Select(p => new QuerySpec(p.Name, WrongValues(p)))],
            WrongMethods = method == "GET" ? ["POST", "DELETE"] : ["GET", "DELETE"],
        };
    }

    /// <summary>Values the host's parameter check refuses (400 <c>validation_failed</c>): wrong types, out of range,
    /// and hostile strings that the parameter's pattern does not match.</summary>
    private static List<BadValue> WrongValues(ApiParameter parameter)
    {
        var values = new List<BadValue>();
        void Add(string label, string text) => values.Add(new BadValue(label, text, 400, "validation_failed"));
        switch (parameter.Type)
        {
            case ParameterType.Integer:
                Add("letters", "abc");
                Add("fraction", "1.5");
                Add("exponent", "1e3");
                Add("hex", "0x10");
                Add("leading-space", " 1");
                Add("int64-overflow", "9223372036854775808");
                Add("int64-underflow", "-9223372036854775809");
                Add("fullwidth-digit", "\uFF11");
                if (parameter.Minimum is { } min && min > long.MinValue)
                    Add("below-minimum", (min - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (parameter.Maximum is { } max && max < long.MaxValue)
                    Add("above-maximum", (max + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case ParameterType.DateTime:
                Add("letters", "yesterday");
                Add("month-13", "2026-13-01T00:00:00Z");
                Add("feb-30", "2026-02-30T00:00:00Z");
                Add("overflowing-offset", "9999-12-31T23:59:59-05:00");
                Add("underflowing-offset", "0001-01-01T00:00:00+05:00");
                Add("bidi-override", "\u202E2026-01-01");
                break;
            case ParameterType.Boolean:
                Add("yes", "yes");
                Add("one", "1");
                break;
        }
        if (parameter.Type != ParameterType.String || parameter.Pattern is { } pattern)
        {
            var check = parameter.Pattern is { } p ? new Regex($"^(?:{p})$", RegexOptions.CultureInvariant) : null;
            foreach (var (label, text) in Hostile)
                if (check is null || !check.IsMatch(text))
                    Add(label, text);
        }
        return values;
    }

    /// <summary>Pairs of range parameters a plugin checks for order (<c>from</c> after <c>to</c> is refused).</summary>
    public static IEnumerable<(string From, string To, string Low, string High)> RangePairs(RouteSpec route)
    {
        var names = route.Query.Select(q => q.Name).ToHashSet(StringComparer.Ordinal);
        if (names.Contains("from") && names.Contains("to"))
        {
            var isDate = route.Query.Single(q => q.Name == "from").BadValues.Any(v => v.Label == "month-13");
            yield return isDate ? ("from", "to", "2024-03-19T00:00:00Z", "2024-03-20T00:00:00Z") : ("from", "to", "5", "10");
        }
        if (names.Contains("fromBlock") && names.Contains("toBlock"))
            yield return ("fromBlock", "toBlock", "5", "10");
    }
}

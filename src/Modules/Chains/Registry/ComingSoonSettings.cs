using Microsoft.Extensions.Configuration;

namespace KsQuery.Modules.Chains.Registry;

/// <summary><c>Chains:ComingSoon</c>: chains the operator lists as coming soon until a plugin with the same id is loaded
/// (the shipped appsettings.json lists Ethereum and Binance). The host keeps no chain names of its own.</summary>
internal static class ComingSoonSettings
{
    public const string Key = "Chains:ComingSoon";

    public static IReadOnlyList<ChainEntry> Read(IConfiguration configuration)
    {
        var chains = new List<ChainEntry>();
        foreach (var chain in configuration.GetSection(Key).GetChildren())
        {
            var id = chain["Id"];
            if (string.IsNullOrWhiteSpace(id))
                throw new InvalidOperationException($"{chain.Path}:Id must name the chain (lower-case [a-z0-9-]{{2,32}}).");
            var networks = chain.GetSection("Networks").GetChildren()
                .Select(n => (Id: n["Id"] ?? throw new InvalidOperationException($"{n.Path}:Id must name the network."),
                    Name: n["Name"] ?? n["Id"]!, IsTest: n.GetValue("IsTest", false)))
                .ToArray();
            chains.Add(ChainEntry.ComingSoon(id.Trim(), chain["Name"] ?? id, networks));
        }
        return chains;
    }
}

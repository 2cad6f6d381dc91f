using KsQuery.Contracts.Http;
using KsQuery.Contracts.Messages;
using KsQuery.Contracts.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine;

namespace KsQuery.Modules.Keys.Networks;

/// <summary>Asks the Chains module (through Wolverine, from an endpoint) for a chain/network as typed by a client.</summary>
internal static class NetworkLookup
{
    /// <summary>The canonical network, or the 404/409 problem of docs/api.md.</summary>
    public static async Task<(NetworkResolution? Network, ProblemHttpResult? Problem)> ResolveAsync(
        IMessageBus bus, string chain, string network, CancellationToken cancellationToken)
    {
        var resolution = await bus.InvokeAsync<NetworkResolution>(new ResolveNetwork(chain.Trim(), network.Trim()), cancellationToken);
        return resolution.Outcome switch
        {
            NetworkResolutionOutcome.Found => (resolution, null),
            NetworkResolutionOutcome.ChainNotFound => (null, ApiProblems.NotFound("chain_not_found", $"There is no chain '{Shorten(chain)}'.")),
            NetworkResolutionOutcome.NetworkNotFound => (null, ApiProblems.NotFound("network_not_found", $"Chain '{Shorten(chain)}' has no network '{Shorten(network)}'.")),
            _ => (null, ApiProblems.Conflict("chain_not_available", $"Chain '{Shorten(chain)}' is not available yet.")),
        };
    }

    // Echo client input only in bounded length, cut on a character boundary.
    private static string Shorten(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length <= MaxEcho ? trimmed : TextCut.AtMost(trimmed, MaxEcho) + "…";
    }

    private const int MaxEcho = 64;
}

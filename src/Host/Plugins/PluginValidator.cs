using System.Text.RegularExpressions;
using KsQuery.Plugins.Abstractions;

namespace KsQuery.Host.Plugins;

/// <summary>Checks a plugin's descriptor before any of it is mapped, so a bad plugin fails alone and early.</summary>
internal static partial class PluginValidator
{
    /// <summary>The first segments of the host's own routes under <c>/v1/</c>, today's and planned ones (API.md).</summary>
    internal static readonly string[] Reserved =
        ["accounts", "admin", "audit", "auth", "chains", "invitations", "keys", "me", "sessions", "teams", "usage"];

    public static List<string> Validate(ChainDescriptor descriptor)
    {
        var problems = new List<string>();
        if (!PluginContract.IsCompatible(PluginContract.Version, PluginContract.MinorVersion, descriptor.ContractVersion, descriptor.ContractMinorVersion))
        {
            // Nothing else of a plugin built for another contract can be trusted to mean what this host reads.
            problems.Add($"built for plugin contract version {descriptor.ContractVersion}.{descriptor.ContractMinorVersion}, " +
                $"this host supports {PluginContract.Version}.{PluginContract.MinorVersion} (plugins built for " +
                $"{PluginContract.Version}.0 to {PluginContract.Version}.{PluginContract.MinorVersion})");
            return problems;
        }
        if (!IdPattern().IsMatch(descriptor.Id ?? ""))
            problems.Add($"chain id '{descriptor.Id}' must match [a-z0-9-]{{2,32}}");
        if (Reserved.Contains(descriptor.Id))
            problems.Add($"chain id '{descriptor.Id}' is reserved");
        if (descriptor.Networks is not { Count: > 0 })
            problems.Add("declares no network");

        foreach (var network in descriptor.Networks ?? [])
        {
            if (!IdPattern().IsMatch(network.Id ?? ""))
                problems.Add($"network id '{network.Id}' must match [a-z0-9-]{{2,32}}");
            foreach (var duplicate in network.Apis.GroupBy(a => a.Id).Where(g => g.Count() > 1))
                problems.Add($"{network.Id}: api id '{duplicate.Key}' is declared twice");
            foreach (var api in network.Apis)
                problems.AddRange(ValidateApi(network.Id!, api));
        }
        return problems;
    }

    private static IEnumerable<string> ValidateApi(string network, ApiDescriptor api)
    {
        var routeNames = RouteParameter().Matches(api.Route).Select(m => m.Groups[1].Value).ToHashSet();
        var pathNames = api.Parameters.Where(p => p.In == ParameterLocation.Path).Select(p => p.Name).ToHashSet();
        if (!routeNames.SetEquals(pathNames))
            yield return $"{network}/{api.Id}: route parameters {{{string.Join(",", routeNames)}}} differ from declared path parameters {{{string.Join(",", pathNames)}}}";
        if (api.Route.StartsWith('/'))
            yield return $"{network}/{api.Id}: route must be relative (no leading '/')";
        foreach (var parameter in api.Parameters.Where(p => p.Pattern is not null))
        {
            string? error = null;
            try { _ = new Regex(parameter.Pattern!); }
            catch (ArgumentException ex) { error = ex.Message; }
            if (error is not null)
                yield return $"{network}/{api.Id}: parameter '{parameter.Name}' has an invalid pattern: {error}";
        }
        // The name becomes a key under components/schemas and a class name in generated clients; Problem is the host's.
        if (api.Response is { } response && (!ComponentName().IsMatch(response.ComponentName ?? "") || response.ComponentName == "Problem"))
            yield return $"{network}/{api.Id}: response component name '{response.ComponentName}' must match [A-Z][A-Za-z0-9]{{0,63}} and not be Problem";
        foreach (var failure in api.Failures ?? [])
            if (failure.Status is < 400 or > 599 || !ErrorCode().IsMatch(failure.Code ?? ""))
                yield return $"{network}/{api.Id}: failure {failure.Status} '{failure.Code}' must have a status from 400 to 599 and a snake_case code";
    }

    [GeneratedRegex("^[A-Z][A-Za-z0-9]{0,63}$")]
    private static partial Regex ComponentName();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex ErrorCode();

    [GeneratedRegex("^[a-z0-9-]{2,32}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)(?::[^}]*)?\}")]
    private static partial Regex RouteParameter();
}

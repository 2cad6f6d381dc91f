using System.Text.Json;

namespace KsQuery.Plugins.Abstractions;

/// <summary>One validated call to an API of a plugin.</summary>
/// <param name="NetworkId">The canonical network id (aliases already resolved).</param>
/// <param name="ApiId">The <see cref="ApiDescriptor.Id"/> called.</param>
/// <param name="Parameters">Path and query values by parameter name, validated; absent optional
/// parameters carry their <see cref="ApiParameter.Default"/> or are missing.</param>
/// <param name="Body">The parsed JSON body of a POST, or null.</param>
public sealed record ApiCall(
    string NetworkId,
    string ApiId,
    IReadOnlyDictionary<string, string> Parameters,
    JsonElement? Body)
{
    /// <summary>A parameter's text, or null when absent.</summary>
    public string? Get(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>An integer parameter, or <paramref name="fallback"/> when absent.</summary>
    public long GetInt64(string name, long fallback = 0) =>
        Parameters.TryGetValue(name, out var value) ? long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    /// <summary>An integer parameter, or null when absent.</summary>
    public long? GetInt64OrNull(string name) =>
        Parameters.TryGetValue(name, out var value) ? long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>A date-time parameter (UTC), or null when absent.</summary>
    public DateTimeOffset? GetDateTime(string name) =>
        Parameters.TryGetValue(name, out var value)
            ? DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal)
            : null;
}

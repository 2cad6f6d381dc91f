using System.Globalization;
using System.Text.RegularExpressions;
using KsQuery.Contracts.Http;
using KsQuery.Plugins.Abstractions;
using Microsoft.AspNetCore.Http;

namespace KsQuery.Modules.Chains.Calls;

/// <summary>Reads and validates one API's path and query parameters against its descriptor.
/// Built once per endpoint at start (patterns compiled then), used on every call.</summary>
internal sealed class ParameterBinder
{
    private readonly (ApiParameter Parameter, Regex? Pattern)[] _parameters;

    public ParameterBinder(ApiDescriptor api) =>
        _parameters = api.Parameters
            .Select(p => (p, p.Pattern is null ? null : new Regex($"^(?:{p.Pattern})$", RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(100))))
            .ToArray();

    public static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Bind(HttpRequest request, Validation validation)
    {
        if (_parameters.Length == 0)
            return None;
        var values = new Dictionary<string, string>(_parameters.Length, StringComparer.Ordinal);
        foreach (var (parameter, pattern) in _parameters)
        {
            var raw = parameter.In == ParameterLocation.Path
                ? request.RouteValues[parameter.Name] as string
                : request.Query.TryGetValue(parameter.Name, out var query) ? query.ToString() : null;

            if (string.IsNullOrEmpty(raw))
            {
                if (parameter.Required || parameter.In == ParameterLocation.Path)
                    validation.Add(parameter.Name, $"{parameter.Name} is required.");
                else if (parameter.Default is not null)
                    values[parameter.Name] = parameter.Default;
                continue;
            }

            if (Check(parameter, pattern, raw) is { } error)
                validation.Add(parameter.Name, error);
            else
                values[parameter.Name] = Normalize(parameter, raw);
        }
        return values;
    }

    private static string? Check(ApiParameter parameter, Regex? pattern, string raw)
    {
        switch (parameter.Type)
        {
            case ParameterType.Integer:
                if (!long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                    return $"{parameter.Name} must be a whole number.";
                if (number < parameter.Minimum)
                    return $"{parameter.Name} must be at least {parameter.Minimum}.";
                if (number > parameter.Maximum)
                    return $"{parameter.Name} must be at most {parameter.Maximum}.";
                break;
            case ParameterType.Boolean when !bool.TryParse(raw, out _):
                return $"{parameter.Name} must be true or false.";
            case ParameterType.DateTime when !TryParseDate(raw, out _):
                return $"{parameter.Name} must be an ISO-8601 date-time, e.g. 2026-01-31T00:00:00Z.";
        }
        try
        {
            if (pattern is not null && !pattern.IsMatch(raw))
                return $"{parameter.Name} must match {parameter.Pattern}.";
        }
        catch (RegexMatchTimeoutException)
        {
            return $"{parameter.Name} must match {parameter.Pattern}.";
        }
        return null;
    }

    private static string Normalize(ApiParameter parameter, string raw) => parameter.Type switch
    {
        ParameterType.Integer => long.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        ParameterType.Boolean => bool.Parse(raw) ? "true" : "false",
        ParameterType.DateTime => TryParseDate(raw, out var at) ? at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) : raw,
        _ => raw,
    };

    private static bool TryParseDate(string raw, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
}

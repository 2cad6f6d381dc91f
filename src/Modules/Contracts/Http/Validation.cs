namespace KsQuery.Contracts.Http;

/// <summary>Collects field errors for a 400 <c>validation_failed</c> answer.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public IDictionary<string, string[]> Errors => _errors;

    public Validation Add(string field, string message)
    {
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
        return this;
    }

    public Validation Require(bool condition, string field, string message) => condition ? this : Add(field, message);
}

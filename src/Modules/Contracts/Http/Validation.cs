namespace KsQuery.Contracts.Http;

/// <summary>Collects field errors for a 400 <c>validation_failed</c> answer.</summary>
public sealed class Validation
{
    // Created on the first error: most requests have none.
    private Dictionary<string, string[]>? _errors;

    public bool IsValid => _errors is null;

    public IDictionary<string, string[]> Errors => _errors ?? new Dictionary<string, string[]>();

    public IReadOnlyDictionary<string, string[]> ErrorsView => _errors ?? new Dictionary<string, string[]>();

    public Validation Add(string field, string message)
    {
        _errors ??= new(StringComparer.Ordinal);
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
        return this;
    }

    public Validation Require(bool condition, string field, string message) => condition ? this : Add(field, message);
}

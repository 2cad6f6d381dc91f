namespace KsQuery.Plugins.KalpDlt.Apis;

/// <summary>A parameter or body field the host let through but the API cannot accept; becomes 400 validation_failed.</summary>
internal sealed class InvalidParameterException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

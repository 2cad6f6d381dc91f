namespace KsQuery.Plugins.Evm.Apis;

/// <summary>A parameter or body field the plugin refuses (400 validation_failed) before any upstream call.</summary>
internal sealed class InvalidParameterException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

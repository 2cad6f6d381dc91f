using KsQuery.Plugins.Abstractions;

namespace KsQuery.Modules.Chains.Calls;

internal static class ParameterTypes
{
    public static string Name(ParameterType type) => type switch
    {
        ParameterType.Integer => "integer",
        ParameterType.Boolean => "boolean",
        ParameterType.DateTime => "date-time",
        _ => "string",
    };
}

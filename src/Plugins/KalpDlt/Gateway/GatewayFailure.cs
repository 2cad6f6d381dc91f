using KsQuery.Plugins.Abstractions;

namespace KsQuery.Plugins.KalpDlt.Gateway;

/// <summary>A gateway call that ended in an error the client should see; caught by <see cref="GatewayApiExecutor"/>.</summary>
internal sealed class GatewayFailure(ApiError error) : Exception(error.Detail)
{
    public ApiError Error { get; } = error;
}

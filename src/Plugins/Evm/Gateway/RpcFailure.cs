using KsQuery.Plugins.Abstractions;

namespace KsQuery.Plugins.Evm.Gateway;

/// <summary>An upstream call that ended in an error the client should see; caught by the executor.</summary>
internal sealed class RpcFailure(ApiError error) : Exception(error.Detail)
{
    public ApiError Error { get; } = error;
}

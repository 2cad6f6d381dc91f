using System.Text.Json;

namespace KsQuery.Plugins.KalpDlt.Apis;

/// <summary>The body of contract-query: <c>{walletAddress?, args?}</c>, checked; addresses lower-cased.</summary>
internal sealed record QueryBody(string? WalletAddress, JsonElement? Args)
{
    public static readonly QueryBody Empty = new(null, null);

    public static QueryBody Read(JsonElement? body)
    {
        if (body is not { } root || root.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return Empty;
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidParameterException("body", "The body must be a JSON object: {\"walletAddress\"?, \"args\"}.");
        }
        string? walletAddress = null;
        if (root.TryGetProperty("walletAddress", out var wallet) && wallet.ValueKind != JsonValueKind.Null)
        {
            if (wallet.ValueKind != JsonValueKind.String || !Patterns.IsHex(wallet.GetString()!, 40))
            {
                throw new InvalidParameterException("walletAddress", "'walletAddress' must be 40 hex characters without a 0x prefix.");
            }
            walletAddress = wallet.GetString()!.ToLowerInvariant();
        }
        if (!root.TryGetProperty("args", out var arguments) || arguments.ValueKind == JsonValueKind.Null)
        {
            return new QueryBody(walletAddress, null);
        }
        return arguments.ValueKind == JsonValueKind.Object
            ? new QueryBody(walletAddress, arguments)
            : throw new InvalidParameterException("args", "'args' must be a JSON object of named arguments, e.g. {\"account\": \"<address>\"}.");
    }

    /// <summary>The named argument as a lower-cased wallet address; throws when it is missing or not one.</summary>
    public string Address(string name)
    {
        var field = $"args.{name}";
        if (Args is not { } args || !args.TryGetProperty(name, out var value))
        {
            throw new InvalidParameterException(field, $"'{field}' is required.");
        }
        if (value.ValueKind != JsonValueKind.String || !Patterns.IsHex(value.GetString()!, 40))
        {
            throw new InvalidParameterException(field, $"'{field}' must be 40 hex characters without a 0x prefix.");
        }
        return value.GetString()!.ToLowerInvariant();
    }
}

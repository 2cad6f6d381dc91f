namespace Host.Tests.Security.BadInput;

/// <summary>Whose credentials a case is sent with.</summary>
public enum Credential
{
    None,
    /// <summary>The caller's dashboard access token (<c>Authorization: Bearer</c>).</summary>
    CallerToken,
    /// <summary>The caller's active API key (<c>X-Api-Key</c>).</summary>
    CallerKey,
    /// <summary>The caller's revoked API key (<c>X-Api-Key</c>).</summary>
    RevokedKey,
}

/// <summary>One bad request and the answer the contract (docs/api.md) gives it. Paths, bodies and header values may hold the
/// <c>@name@</c> placeholders of <see cref="Support.SecurityFixture.Resolve"/>; <c>@probe@</c> is an email address of the
/// case's own, which must still be free to sign up with after the case ran.</summary>
public sealed record BadInputCase
{
    /// <summary>Unique and stable: the theory's row, printed by the runner.</summary>
    public required string Name { get; init; }

    /// <summary>The route the case exercises, as the host's endpoint data source names it (<see cref="RouteInventory"/>).</summary>
    public required string Route { get; init; }

    public required string Method { get; init; }

    /// <summary>Path and query, already percent-encoded.</summary>
    public required string Path { get; init; }

    public Credential As { get; init; } = Credential.None;

    /// <summary>The body as text; <see cref="BodyBytes"/> replaces each <c>@bytes@</c> in it (bytes that are not UTF-8).</summary>
    public string? Body { get; init; }

    public byte[]? BodyBytes { get; init; }

    /// <summary>The request's Content-Type when it has a body; null sends the body without one.</summary>
    public string? ContentType { get; init; } = "application/json";

    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public required int Status { get; init; }
    public required string Code { get; init; }

    public bool UsesProbeEmail => (Body?.Contains("@probe@") ?? false) || Path.Contains("@probe@");

    public override string ToString() => Name;
}

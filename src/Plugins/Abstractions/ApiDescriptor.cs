namespace KsQuery.Plugins.Abstractions;

/// <summary>One API of a network's catalog; the host turns it into an HTTP endpoint.</summary>
/// <param name="Id">Stable id, unique in the network, e.g. <c>block</c>.</param>
/// <param name="Name">Display name, e.g. "Block by number".</param>
/// <param name="Category">Grouping for docs: Network, Channels, Blocks, Transactions, Smart Contracts, Tokens, Events, Analytics.</param>
/// <param name="Method">GET or POST.</param>
/// <param name="Route">Route relative to <c>/v1/{chain}/{network}/</c> in ASP.NET Core template syntax,
/// e.g. <c>blocks/{number}</c>. Every <c>{name}</c> must have a <see cref="ParameterLocation.Path"/> parameter.</param>
/// <param name="Summary">One sentence shown in the catalog and the OpenAPI document.</param>
/// <param name="Parameters">Path and query parameters; the host validates them before calling the plugin.</param>
/// <param name="Body">For POST: the JSON body's description, or null when there is none.</param>
/// <param name="ExampleResponse">A JSON example of a successful answer, shown in the docs.</param>
/// <param name="Errors">The error codes this API can answer besides the host's own, e.g. <c>block_not_found</c>, listed in
/// the catalog. When null, the catalog lists the codes of <paramref name="Failures"/>.</param>
/// <param name="Response">The type of the 200 answer, published as a named schema in the OpenAPI document; null leaves
/// the answer untyped (clients then see a stream or <c>{}</c>).</param>
/// <param name="Failures">Every error answer the plugin can give for this API, with its status and code (not the host's
/// own refusals: key, scope, limits, parameter validation, a plugin that is not running). The OpenAPI operation declares
/// each status with the codes it can carry.</param>
public sealed record ApiDescriptor(
    string Id,
    string Name,
    string Category,
    ApiMethod Method,
    string Route,
    string Summary,
    IReadOnlyList<ApiParameter> Parameters,
    ApiBody? Body = null,
    string? ExampleResponse = null,
    IReadOnlyList<string>? Errors = null,
    ApiResponse? Response = null,
    IReadOnlyList<ApiFailure>? Failures = null);

/// <summary>HTTP method of an API.</summary>
public enum ApiMethod
{
    /// <summary>A read by URL.</summary>
    Get,
    /// <summary>A read that takes a JSON body (never a state change on the chain).</summary>
    Post,
}

/// <summary>A path or query parameter.</summary>
/// <param name="Name">As it appears in the route template or query string.</param>
/// <param name="In">Where it is read from.</param>
/// <param name="Type">Its type; the host parses it and answers 400 <c>validation_failed</c> when it does not parse.</param>
/// <param name="Required">Path parameters are always required.</param>
/// <param name="Description">Shown in the catalog and docs.</param>
/// <param name="Pattern">A .NET regular expression the raw value must match in full, or null.</param>
/// <param name="Minimum">For integers: the smallest value allowed, or null.</param>
/// <param name="Maximum">For integers: the largest value allowed, or null.</param>
/// <param name="Default">The value used when an optional parameter is absent, as text, or null.</param>
public sealed record ApiParameter(
    string Name,
    ParameterLocation In,
    ParameterType Type,
    bool Required,
    string Description,
    string? Pattern = null,
    long? Minimum = null,
    long? Maximum = null,
    string? Default = null);

/// <summary>Where a parameter is read from.</summary>
public enum ParameterLocation
{
    /// <summary>A segment of the route.</summary>
    Path,
    /// <summary>The query string.</summary>
    Query,
}

/// <summary>Parameter types the host understands.</summary>
public enum ParameterType
{
    /// <summary>Text.</summary>
    String,
    /// <summary>A 64-bit signed integer.</summary>
    Integer,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
    /// <summary>An ISO-8601 timestamp; handed to the plugin normalized to UTC ("O" format).</summary>
    DateTime,
}

/// <summary>The JSON body of a POST API.</summary>
/// <param name="Description">What the body holds.</param>
/// <param name="Example">A JSON example.</param>
/// <param name="Required">Whether a body must be sent.</param>
public sealed record ApiBody(string Description, string Example, bool Required = true);

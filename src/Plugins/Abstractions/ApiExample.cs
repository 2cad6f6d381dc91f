namespace KsQuery.Plugins.Abstractions;

/// <summary>A call of one API that succeeds on the running data source, shown as the example in the catalog and the
/// OpenAPI document (parameter examples, request body, 200 answer), so "Test Request" in the docs answers 200.</summary>
/// <param name="Parameters">Path and query values by parameter name: every required parameter, and optional ones
/// where a value that exists helps (a contract id, an address). Every combination of these values and the declared
/// defaults must succeed.</param>
/// <param name="Body">For POST: a JSON body that succeeds with <paramref name="Parameters"/>; null keeps
/// <see cref="ApiBody.Example"/>.</param>
/// <param name="Response">The JSON answer of that call; null keeps <see cref="ApiDescriptor.ExampleResponse"/>.</param>
public sealed record ApiExample(IReadOnlyDictionary<string, string> Parameters, string? Body = null, string? Response = null);

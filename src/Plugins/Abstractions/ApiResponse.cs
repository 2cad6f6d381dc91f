using System.Text.Json.Serialization.Metadata;

namespace KsQuery.Plugins.Abstractions;

/// <summary>The body of an API's 200 answer, as the docs publish it. The host turns <paramref name="TypeInfo"/> into a
/// JSON schema (System.Text.Json's schema exporter), publishes it in the OpenAPI document as the component
/// <paramref name="ComponentName"/> and references it from the operation's 200 <c>application/json</c> answer, so
/// generated clients get a typed result.</summary>
/// <param name="TypeInfo">How the answer is serialized: take it from the same source-generated
/// <c>JsonSerializerContext</c> the plugin passes to <see cref="ApiResult.Ok{T}"/>, e.g. <c>MyJson.Default.BlockDto</c>.
/// When an API answers with more than one type, declare one whose JSON shape covers them all.</param>
/// <param name="ComponentName">The schema's name under <c>components/schemas</c>, e.g. <c>KalpBlock</c> or
/// <c>KalpBlockPage</c>: letters and digits, starting with an upper-case letter, prefixed with the chain's name so it
/// cannot clash with another plugin's. Object types nested in the answer become components too, named
/// <c>&lt;chain id in PascalCase&gt;&lt;CLR type name without a trailing "Dto"&gt;</c> (<c>KalpBlockSummary</c> for
/// <c>BlockSummaryDto</c> of chain <c>kalp</c>) unless they are declared as another API's response.</param>
/// <param name="Description">What the answer holds, shown on the component; null for none.</param>
public sealed record ApiResponse(JsonTypeInfo TypeInfo, string ComponentName, string? Description = null);

using System.Text.Json.Nodes;

namespace KsQuery.Modules.Keys.Audit.Activity;

/// <summary>One item of a key's activity: a change (<see cref="Kind"/> <c>change</c>, with <see cref="Action"/>, actor and
/// before/after) or a refused call (<c>refusal</c>, with <see cref="Code"/>, <see cref="Status"/>, method and path).</summary>
internal sealed record KeyActivityItem(
    DateTimeOffset At,
    string Kind,
    string? Action,
    string? Code,
    string? ActorAccountId,
    string? ActorEmail,
    string? ClientAddress,
    string? UserAgent,
    JsonObject? Before,
    JsonObject? After,
    int? Status,
    string? Method,
    string? Path)
{
    public const string Change = "change";
    public const string Refusal = "refusal";
}

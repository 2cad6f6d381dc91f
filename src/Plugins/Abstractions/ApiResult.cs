using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace KsQuery.Plugins.Abstractions;

/// <summary>The outcome of <see cref="IChainPlugin.ExecuteAsync"/>: a JSON value or a typed error.</summary>
public sealed class ApiResult
{
    private byte[]? _json;

    private ApiResult(object? value, JsonTypeInfo? typeInfo, ApiError? error)
    {
        Value = value;
        TypeInfo = typeInfo;
        Error = error;
    }

    /// <summary>The value to write as JSON; null for an error.</summary>
    public object? Value { get; }

    /// <summary>How to serialize <see cref="Value"/> (from the plugin's source-generated JsonSerializerContext).</summary>
    public JsonTypeInfo? TypeInfo { get; }

    /// <summary>The error, or null on success.</summary>
    public ApiError? Error { get; }

    /// <summary>Whether the plugin answers later calls with this same instance (<see cref="Shared{T}"/>): the host then writes
    /// <see cref="Json"/>, serialized once. Added in contract 1.2.</summary>
    public bool IsShared { get; private init; }

    /// <summary>The value as UTF-8 JSON, serialized on first use and kept with the result. Added in contract 1.2.</summary>
    /// <exception cref="InvalidOperationException">The result is an error.</exception>
    public ReadOnlyMemory<byte> Json =>
        _json ??= Error is null ? JsonSerializer.SerializeToUtf8Bytes(Value, TypeInfo!) : throw new InvalidOperationException("An error has no JSON value.");

    /// <summary>A 200 answer with <paramref name="value"/> serialized by <paramref name="typeInfo"/>.</summary>
    public static ApiResult Ok<T>(T value, JsonTypeInfo<T> typeInfo) => new(value, typeInfo, null);

    /// <summary>A 200 answer the plugin returns again, the same instance, for later calls until its data changes (one that
    /// depends only on the chain's head, say): the host serializes it once and writes the same bytes for every call.
    /// Keep the value unchanged once returned. Added in contract 1.2.</summary>
    public static ApiResult Shared<T>(T value, JsonTypeInfo<T> typeInfo) => new(value, typeInfo, null) { IsShared = true };

    /// <summary>An error answer; the host writes it as problem details.</summary>
    public static ApiResult Fail(ApiError error) => new(null, null, error);
}

/// <summary>A failure the client should see, written by the host as RFC 9457 problem details.</summary>
/// <param name="Status">HTTP status: 400, 404, 409, 501, 502 or 503 are the usual ones.</param>
/// <param name="Code">Stable snake_case code, e.g. <c>block_not_found</c>.</param>
/// <param name="Title">Short human title.</param>
/// <param name="Detail">What happened, for a human; never exception text.</param>
/// <param name="Errors">For 400 <c>validation_failed</c>: field name to messages.</param>
public sealed record ApiError(
    int Status,
    string Code,
    string Title,
    string Detail,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>For a 503 (an upstream paused after repeated failures) or a 429: how long the client should wait before
    /// trying again. The host sends it as <c>Retry-After</c> in whole seconds, rounded up, at least 1. Null for none.
    /// Added in contract 1.1.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>404 with a typed code such as <c>block_not_found</c>.</summary>
    public static ApiError NotFound(string code, string detail) => new(404, code, "Not found", detail);

    /// <summary>400 <c>validation_failed</c> for one field.</summary>
    public static ApiError Invalid(string field, string message) =>
        new(400, "validation_failed", "Validation failed", message, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>501 for an API the configured data source cannot serve.</summary>
    public static ApiError NotSupported(string code, string detail) => new(501, code, "Not supported by this source", detail);

    /// <summary>502 (or 503 when <paramref name="unavailable"/>) <c>upstream_unavailable</c>.</summary>
    public static ApiError Upstream(string detail, bool unavailable = false) =>
        new(unavailable ? 503 : 502, "upstream_unavailable", "Upstream unavailable", detail);
}

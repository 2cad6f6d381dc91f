using LiteDB;

namespace KsQuery.Modules.Keys.Storage;

/// <summary>Explicit BSON mapping helpers: times are stored as UTC ticks so they round-trip exactly.</summary>
internal static class Bson
{
    public static BsonValue Time(DateTimeOffset value) => new BsonValue(value.UtcTicks);

    public static BsonValue Time(DateTimeOffset? value) => value is { } v ? Time(v) : BsonValue.Null;

    public static BsonValue Text(string? value) => value is null ? BsonValue.Null : new BsonValue(value);

    public static BsonValue Number(long? value) => value is { } v ? new BsonValue(v) : BsonValue.Null;

    public static DateTimeOffset ReadTime(BsonValue value) => new(value.AsInt64, TimeSpan.Zero);

    public static DateTimeOffset? ReadOptionalTime(BsonValue value) => value.IsNull ? null : ReadTime(value);

    public static string? ReadOptionalText(BsonValue value) => value.IsNull ? null : value.AsString;

    public static long? ReadOptionalNumber(BsonValue value) => value.IsNull ? null : value.AsInt64;
}

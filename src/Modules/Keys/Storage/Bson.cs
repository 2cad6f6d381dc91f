using KsQuery.Modules.Keys.ApiKeys.Restrictions;
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

    public static BsonValue Restrictions(KeyRestrictions? value) => value is null ? BsonValue.Null : new BsonDocument
    {
        ["ipRanges"] = Texts(value.IpRanges),
        ["origins"] = Texts(value.Origins),
        ["userAgents"] = Texts(value.UserAgents),
        ["apis"] = Texts(value.Apis),
    };

    /// <summary>Null for documents written before restrictions existed, or without any.</summary>
    public static KeyRestrictions? ReadRestrictions(BsonValue value) => value.IsDocument
        ? new KeyRestrictions(ReadTexts(value["ipRanges"]), ReadTexts(value["origins"]), ReadTexts(value["userAgents"]), ReadTexts(value["apis"]))
        : null;

    private static BsonArray Texts(IReadOnlyList<string> values) => new(values.Select(v => new BsonValue(v)));

    private static string[] ReadTexts(BsonValue value) => value.IsArray ? [.. value.AsArray.Select(v => v.AsString)] : [];
}

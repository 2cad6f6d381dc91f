using System.Globalization;
using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt.Catalog;
using KsQuery.Plugins.KalpDlt.Ledger;

namespace KsQuery.Plugins.KalpDlt.Apis;

/// <summary>Reads an <see cref="ApiCall"/>'s parameters. The host validates them first; this re-checks what it
/// cannot (and does not trust it blindly), throwing <see cref="InvalidParameterException"/>.</summary>
internal sealed class CallReader(ApiCall call)
{
    public ApiCall Call => call;

    public PageRequest Page()
    {
        var page = OptionalInt64("page", 1, int.MaxValue) ?? KalpParameters.DefaultPage;
        var size = OptionalInt64("size", 1, KalpParameters.MaxSize) ?? KalpParameters.DefaultSize;
        return new PageRequest((int)page, (int)size);
    }

    public long Int64(string name, long minimum = long.MinValue) =>
        OptionalInt64(name, minimum, long.MaxValue) ?? throw new InvalidParameterException(name, $"'{name}' is required.");

    public long? OptionalInt64(string name, long minimum = long.MinValue, long maximum = long.MaxValue)
    {
        if (call.Get(name) is not { } text)
        {
            return null;
        }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new InvalidParameterException(name, $"'{name}' must be an integer.");
        }
        if (value < minimum || value > maximum)
        {
            throw new InvalidParameterException(name, maximum == long.MaxValue
                ? $"'{name}' must be at least {minimum}."
                : $"'{name}' must be from {minimum} to {maximum}.");
        }
        return value;
    }

    public DateTimeOffset? OptionalTime(string name)
    {
        if (call.Get(name) is not { } text)
        {
            return null;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.ToUniversalTime()
            : throw new InvalidParameterException(name, $"'{name}' must be an ISO-8601 timestamp.");
    }

    public string Text(string name) =>
        OptionalText(name) ?? throw new InvalidParameterException(name, $"'{name}' is required.");

    public string? OptionalText(string name) => call.Get(name) is { Length: > 0 } text ? text : null;

    /// <summary>A hex value (hash, id, address) checked against its pattern and lower-cased, as the ledger stores it.</summary>
    public string Hex(string name, int length) =>
        OptionalHex(name, length) ?? throw new InvalidParameterException(name, $"'{name}' is required.");

    public string? OptionalHex(string name, int length)
    {
        if (OptionalText(name) is not { } text)
        {
            return null;
        }
        return Patterns.IsHex(text, length)
            ? text.ToLowerInvariant()
            : throw new InvalidParameterException(name, $"'{name}' must be {length} hex characters{(length == 40 ? " without a 0x prefix" : "")}.");
    }

    public string? OptionalContractId(string name)
    {
        if (OptionalText(name) is not { } text)
        {
            return null;
        }
        return Patterns.ContractId().IsMatch(text)
            ? text
            : throw new InvalidParameterException(name, $"'{name}' is not a KALP contract id.");
    }

    /// <summary>Throws when both bounds are given and <paramref name="from"/> lies after <paramref name="to"/>.</summary>
    public static void RequireOrdered<T>(T? from, T? to, string fromName, string toName) where T : struct, IComparable<T>
    {
        if (from is { } low && to is { } high && low.CompareTo(high) > 0)
        {
            throw new InvalidParameterException(fromName, $"'{fromName}' must not be after '{toName}'.");
        }
    }
}

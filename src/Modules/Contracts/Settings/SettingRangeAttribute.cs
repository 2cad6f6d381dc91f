using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace KsQuery.Contracts.Settings;

/// <summary>The inclusive range of a numeric or <see cref="TimeSpan"/> setting, with a message that names its full
/// configuration key: <c>Keys:Argon2:MemoryKiB must be from 8 to 1048576 (KiB); got 2000000000.</c> Used with
/// <c>[OptionsValidator]</c> source-generated validators (whose own copy of <see cref="RangeAttribute"/> drops a custom
/// <c>ErrorMessage</c> and names the property by its class instead of its key).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingRangeAttribute : ValidationAttribute
{
    private readonly IComparable _minimum;
    private readonly IComparable _maximum;

    public SettingRangeAttribute(string key, long minimum, long maximum) => (Key, _minimum, _maximum) = (key, minimum, maximum);

    public SettingRangeAttribute(string key, double minimum, double maximum) => (Key, _minimum, _maximum) = (key, minimum, maximum);

    /// <summary>A <see cref="TimeSpan"/> range, bounds written as in configuration (<c>d.hh:mm:ss.fff</c>).</summary>
    public SettingRangeAttribute(string key, string minimum, string maximum) =>
        (Key, _minimum, _maximum) = (key, TimeSpan.Parse(minimum, CultureInfo.InvariantCulture), TimeSpan.Parse(maximum, CultureInfo.InvariantCulture));

    public string Key { get; }

    /// <summary>Said after the range, e.g. <c>(0 turns it off)</c>.</summary>
    public string? Note { get; set; }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var comparable = value switch
        {
            int i when _minimum is long => (IComparable)(long)i,
            long l when _minimum is long => l,
            double d when _minimum is double => d,
            TimeSpan t when _minimum is TimeSpan => t,
            _ => null,
        };
        if (comparable is not null && comparable.CompareTo(_minimum) >= 0 && comparable.CompareTo(_maximum) <= 0)
            return ValidationResult.Success;
        // No member names: the message already names the key, and the options builder would prefix them.
        return new ValidationResult(Describe(value));
    }

    private string Describe(object? value)
    {
        var got = Convert.ToString(value, CultureInfo.InvariantCulture);
        var note = Note is null ? "" : " " + Note;
        return $"{Key} must be from {Text(_minimum)} to {Text(_maximum)}{note}; got {got}.";
    }

    private static string Text(IComparable bound) => Convert.ToString(bound, CultureInfo.InvariantCulture)!;
}

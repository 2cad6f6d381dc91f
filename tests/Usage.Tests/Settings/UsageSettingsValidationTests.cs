using KsQuery.Modules.Usage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Usage.Tests.Settings;

/// <summary>Every numeric and time setting of the Usage module has a range; a value outside it is refused with a
/// message naming the full key (README, Configuration), which stops the start.</summary>
public sealed class UsageSettingsValidationTests
{
    [Theory]
    [InlineData("Usage:FlushInterval", "00:00:00")]
    [InlineData("Usage:FlushInterval", "01:00:00")]
    [InlineData("Usage:PublishWindow", "-00:00:01")]
    [InlineData("Usage:PublishWindow", "00:00:02")]
    [InlineData("Usage:UnidentifiedReportInterval", "00:00:00")]
    [InlineData("Usage:UnidentifiedReportInterval", "10675199.00:00:00")]
    [InlineData("Usage:Rejections:Retention", "00:00:00")]
    [InlineData("Usage:Rejections:Retention", "10675199.00:00:00")]
    [InlineData("Usage:Rejections:MaxStored", "0")]
    [InlineData("Usage:Rejections:MaxStored", "2000000000")]
    [InlineData("Usage:Rejections:MaxPerKeyPerFlush", "0")]
    [InlineData("Usage:Rejections:MaxPerKeyPerFlush", "2000000000")]
    [InlineData("Usage:Alerts:SpikeWindowMinutes", "0")]
    [InlineData("Usage:Alerts:SpikeWindowMinutes", "61")]
    [InlineData("Usage:Alerts:SpikeBaselineMinutes", "0")]
    [InlineData("Usage:Alerts:SpikeBaselineMinutes", "1441")]
    [InlineData("Usage:Alerts:SpikeFactor", "0.5")]
    [InlineData("Usage:Alerts:SpikeFactor", "1e300")]
    [InlineData("Usage:Alerts:SpikeMinRejections", "0")]
    [InlineData("Usage:Alerts:SpikeMinRejections", "2000000000")]
    [InlineData("Usage:Alerts:MaxAddressesPerKey", "0")]
    [InlineData("Usage:Alerts:MaxAddressesPerKey", "2000000000")]
    [InlineData("Usage:Retention:MinuteBuckets", "12:00:00")]
    [InlineData("Usage:Retention:MinuteBuckets", "3651.00:00:00")]
    [InlineData("Usage:Retention:HourBuckets", "36501.00:00:00")]
    [InlineData("Usage:Retention:DayBuckets", "-1.00:00:00")]
    public void An_out_of_range_setting_is_refused_naming_it(string setting, string value)
    {
        var refused = Should.Throw<OptionsValidationException>(() => Resolve(new() { [setting] = value }));
        refused.Failures.ShouldHaveSingleItem().ShouldStartWith(setting + " must be from ");
    }

    [Fact]
    public void The_defaults_and_the_bounds_are_accepted()
    {
        Resolve([]).FlushInterval.ShouldBe(TimeSpan.FromSeconds(1));
        Resolve(new() { ["Usage:FlushInterval"] = "00:10:00", ["Usage:PublishWindow"] = "00:00:00", ["Usage:Alerts:SpikeFactor"] = "1" })
            .PublishWindow.ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("8.00:00:00", "7.00:00:00", "00:00:00", "Usage:Retention:HourBuckets")]
    [InlineData("7.00:00:00", "90.00:00:00", "60.00:00:00", "Usage:Retention:DayBuckets")]
    [InlineData("1.00:00:00", "2.00:00:00", "30.00:00:00", "Usage:Retention:DayBuckets")]
    public void Retention_periods_out_of_order_are_refused_naming_them(string minutes, string hours, string days, string named)
    {
        var refused = Should.Throw<OptionsValidationException>(() => Resolve(new()
        {
            ["Usage:Retention:MinuteBuckets"] = minutes, ["Usage:Retention:HourBuckets"] = hours, ["Usage:Retention:DayBuckets"] = days,
        }));
        refused.Failures.ShouldHaveSingleItem().ShouldStartWith(named);
    }

    [Fact]
    public void Retention_defaults_keep_minutes_7_days_hours_90_days_and_days_forever()
    {
        var retention = Resolve([]).Retention;
        retention.MinuteBuckets.ShouldBe(TimeSpan.FromDays(7));
        retention.HourBuckets.ShouldBe(TimeSpan.FromDays(90));
        retention.DayBuckets.ShouldBe(TimeSpan.Zero);
        Resolve(new() { ["Usage:Retention:MinuteBuckets"] = "1.00:00:00", ["Usage:Retention:HourBuckets"] = "1.00:00:00",
            ["Usage:Retention:DayBuckets"] = "31.00:00:00" }).Retention.DayBuckets.ShouldBe(TimeSpan.FromDays(31));
    }

    private static UsageOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddUsage(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<UsageOptions>>().Value;
    }
}

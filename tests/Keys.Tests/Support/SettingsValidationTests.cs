using KsQuery.Modules.Keys.Throttling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Keys.Tests.Support;

/// <summary>Settings out of range stop the start with a message naming their section (README, Configuration).</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Keys:DefaultRateLimitPerSecond", "0", "DefaultRateLimitPerSecond")]
    [InlineData("Keys:DefaultRateLimitPerSecond", "1000001", "DefaultRateLimitPerSecond")]
    [InlineData("Keys:MaxKeysPerAccount", "0", "MaxKeysPerAccount")]
    [InlineData("Keys:MaxKeysPerAccount", "100001", "MaxKeysPerAccount")]
    [InlineData("Keys:AccessTokenLifetime", "00:00:00", "AccessTokenLifetime")]
    [InlineData("Keys:LastUsedFlushInterval", "-00:00:01", "LastUsedFlushInterval")]
    [InlineData("Keys:Argon2:Iterations", "0", "Keys:Argon2")]
    [InlineData("Keys:Argon2:MemoryKiB", "4", "Keys:Argon2")]
    [InlineData("Keys:Throttling:LoginFailuresPerAccount", "-1", "Keys:Throttling")]
    [InlineData("Keys:Throttling:KeySecretFailuresPerKey", "-1", "Keys:Throttling")]
    [InlineData("Keys:Throttling:LoginWindow", "00:00:00", "Keys:Throttling")]
    [InlineData("Keys:Throttling:SignUpsPerAddress", "-1", "SignUpsPerAddress")]
    [InlineData("Keys:Throttling:SignUpWindow", "00:00:00", "SignUpWindow")]
    [InlineData("Keys:Throttling:SignUpWindow", "2.00:00:00", "SignUpWindow")]
    [InlineData("Keys:Throttling:KeySecretWindow", "-00:00:01", "Keys:Throttling")]
    [InlineData("Keys:Throttling:KeySecretRefusalDelay", "-00:00:01", "Keys:Throttling")]
    [InlineData("Keys:Throttling:KeySecretRefusalDelay", "00:05:00", "Keys:Throttling")]
    public async Task An_out_of_range_setting_stops_the_start_naming_its_section(string setting, string value, string section)
    {
        var refused = await Should.ThrowAsync<OptionsValidationException>(() =>
            KeysTestHost.StartAsync(new Dictionary<string, string?> { [setting] = value }));
        refused.Message.ShouldContain(section);
    }

    [Theory]
    [InlineData("Keys:Throttling:KeySecretRefusalDelay", "00:00:00")]
    [InlineData("Keys:Throttling:KeySecretFailuresPerKey", "0")]
    public async Task Limits_of_the_ranges_are_accepted(string setting, string value)
    {
        await using var host = await KeysTestHost.StartAsync(new Dictionary<string, string?> { [setting] = value });
        host.Services.GetRequiredService<IOptions<ThrottleOptions>>().Value.IsValid.ShouldBeTrue();
    }
}

using KsQuery.Modules.Keys.Throttling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Keys.Tests.Support;

/// <summary>Every numeric and time setting of the Keys module has a range; a value outside it stops the start with a
/// message naming the full key (README, Configuration).</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Keys:DefaultRateLimitPerSecond", "0")]
    [InlineData("Keys:DefaultRateLimitPerSecond", "1000001")]
    [InlineData("Keys:AccessTokenLifetime", "00:00:00")]
    [InlineData("Keys:AccessTokenLifetime", "3650.00:00:00")]
    [InlineData("Keys:RefreshTokenLifetime", "00:00:00")]
    [InlineData("Keys:RefreshTokenLifetime", "10675199.00:00:00")]
    [InlineData("Keys:LastUsedFlushInterval", "-00:00:01")]
    [InlineData("Keys:LastUsedFlushInterval", "1.00:00:00")]
    [InlineData("Keys:Argon2:Iterations", "0")]
    [InlineData("Keys:Argon2:Iterations", "100000")]
    [InlineData("Keys:Argon2:MemoryKiB", "4")]
    [InlineData("Keys:Argon2:MemoryKiB", "2000000000")]
    [InlineData("Keys:Argon2:Parallelism", "0")]
    [InlineData("Keys:Argon2:Parallelism", "256")]
    [InlineData("Keys:Argon2:MaxConcurrency", "-1")]
    [InlineData("Keys:Argon2:MaxConcurrency", "100000")]
    [InlineData("Keys:Throttling:LoginFailuresPerAccount", "-1")]
    [InlineData("Keys:Throttling:LoginFailuresPerAccount", "1000000")]
    [InlineData("Keys:Throttling:LoginFailuresPerAddress", "-1")]
    [InlineData("Keys:Throttling:LoginFailuresPerAddress", "100000000")]
    [InlineData("Keys:Throttling:KeySecretFailuresPerKey", "-1")]
    [InlineData("Keys:Throttling:KeySecretFailuresPerKey", "1000000")]
    [InlineData("Keys:Throttling:LoginWindow", "00:00:00")]
    [InlineData("Keys:Throttling:LoginWindow", "365.00:00:00")]
    [InlineData("Keys:MaxKeysPerAccount", "0")]
    [InlineData("Keys:MaxKeysPerAccount", "100001")]
    [InlineData("Keys:Throttling:SignUpsPerAddress", "-1")]
    [InlineData("Keys:Throttling:SignUpsPerAddress", "1000001")]
    [InlineData("Keys:Throttling:SignUpWindow", "00:00:00")]
    [InlineData("Keys:Throttling:SignUpWindow", "2.00:00:00")]
    [InlineData("Keys:Throttling:KeySecretWindow", "-00:00:01")]
    [InlineData("Keys:Throttling:KeySecretWindow", "365.00:00:00")]
    [InlineData("Keys:Throttling:KeySecretRefusalDelay", "-00:00:01")]
    [InlineData("Keys:Throttling:KeySecretRefusalDelay", "00:05:00")]
    public async Task An_out_of_range_setting_stops_the_start_naming_it(string setting, string value)
    {
        var refused = await Should.ThrowAsync<OptionsValidationException>(() =>
            KeysTestHost.StartAsync(new Dictionary<string, string?> { [setting] = value }));
        refused.Failures.ShouldHaveSingleItem().ShouldContain(setting + " must be");
    }

    [Fact]
    public async Task Argon2_memory_below_8_KiB_a_lane_is_refused_naming_both_settings()
    {
        var refused = await Should.ThrowAsync<OptionsValidationException>(() => KeysTestHost.StartAsync(
            new Dictionary<string, string?> { ["Keys:Argon2:MemoryKiB"] = "64", ["Keys:Argon2:Parallelism"] = "16" }));
        refused.Message.ShouldContain("Keys:Argon2:MemoryKiB must be at least 8 x Keys:Argon2:Parallelism (128); got 64.");
    }

    [Theory]
    [InlineData("Keys:Throttling:KeySecretRefusalDelay", "00:00:00")]
    [InlineData("Keys:Throttling:KeySecretRefusalDelay", "00:01:00")]
    [InlineData("Keys:Throttling:KeySecretFailuresPerKey", "0")]
    [InlineData("Keys:Argon2:MaxConcurrency", "0")]
    [InlineData("Keys:AccessTokenLifetime", "1.00:00:00")]
    public async Task Limits_of_the_ranges_are_accepted(string setting, string value)
    {
        await using var host = await KeysTestHost.StartAsync(new Dictionary<string, string?> { [setting] = value });
        host.Services.GetRequiredService<IOptions<ThrottleOptions>>().Value.ShouldNotBeNull();
    }
}

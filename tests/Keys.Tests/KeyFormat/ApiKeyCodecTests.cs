using KsQuery.Modules.Keys.KeyFormat;

namespace Keys.Tests.KeyFormat;

public class ApiKeyCodecTests
{
    [Theory]
    [InlineData(true, "ksq_test_")]
    [InlineData(false, "ksq_live_")]
    public void Generated_key_round_trips(bool isTest, string prefix)
    {
        var key = ApiKeyCodec.Generate(isTest);

        key.Plaintext.ShouldStartWith(prefix);
        key.Plaintext.Length.ShouldBe(ApiKeyCodec.KeyLength);
        ApiKeyCodec.TryParse(key.Plaintext, out var parsed).ShouldBeTrue();
        parsed.KeyId.ShouldBe(key.KeyId);
        parsed.IsTest.ShouldBe(isTest);
        parsed.Secret.ShouldBe(key.Secret);
        key.Secret.Length.ShouldBeGreaterThanOrEqualTo(24); // at least 192 bits
    }

    [Fact]
    public void Extreme_values_round_trip()
    {
        foreach (var (id, fill) in new[] { (0UL, (byte)0x00), (ulong.MaxValue, (byte)0xFF) })
        {
            var secret = Enumerable.Repeat(fill, ApiKeyCodec.SecretBytes).ToArray();
            var key = ApiKeyCodec.Format(true, id, secret);
            ApiKeyCodec.TryParse(key.Plaintext, out var parsed).ShouldBeTrue();
            parsed.Secret.ShouldBe(secret);
            parsed.KeyId.ShouldBe(key.KeyId);
        }
    }

    [Fact]
    public void Key_id_is_the_start_of_the_body_and_display_masks_the_rest()
    {
        var key = ApiKeyCodec.Generate(true);
        var body = key.Plaintext["ksq_test_".Length..];

        body.ShouldStartWith(key.KeyId);
        key.Display.ShouldBe($"ksq_test_{body[..4]}…{body[^4..]}");
        key.Display.ShouldNotContain(body[10..40]);
    }

    [Fact]
    public void Every_single_character_change_is_rejected()
    {
        var key = ApiKeyCodec.Generate(false).Plaintext;
        var candidates = Base62.Alphabet + "_-+/= ";
        for (var i = 0; i < key.Length; i++)
        {
            foreach (var c in candidates)
            {
                if (c == key[i])
                    continue;
                var changed = string.Concat(key.AsSpan(0, i), c.ToString(), key.AsSpan(i + 1));
                ApiKeyCodec.TryParse(changed, out _).ShouldBeFalse($"position {i} changed to '{c}' was accepted");
            }
        }
    }

    [Fact]
    public void Swapping_the_prefix_breaks_the_checksum()
    {
        var key = ApiKeyCodec.Generate(true).Plaintext;
        ApiKeyCodec.TryParse(string.Concat("ksq_live_", key.AsSpan("ksq_test_".Length)), out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("ksq_test_")]
    [InlineData("sk_live_abc")]
    [InlineData("ksq_prod_00000000000000000000000000000000000000000000000000")]
    public void Malformed_keys_are_rejected(string text) => ApiKeyCodec.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void Truncated_or_extended_keys_are_rejected()
    {
        var key = ApiKeyCodec.Generate(true).Plaintext;
        ApiKeyCodec.TryParse(key.AsSpan(0, key.Length - 1), out _).ShouldBeFalse();
        ApiKeyCodec.TryParse(key + "0", out _).ShouldBeFalse();
    }

    [Fact]
    public void Generated_keys_are_distinct()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => ApiKeyCodec.Generate(true)).ToList();
        keys.Select(k => k.KeyId).Distinct().Count().ShouldBe(keys.Count);
        keys.Select(k => Convert.ToBase64String(k.Secret)).Distinct().Count().ShouldBe(keys.Count);
    }
}

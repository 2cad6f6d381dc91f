using KsQuery.Contracts.Text;

namespace Usage.Tests.Text;

public sealed class TextCutTests
{
    private const string Emoji = "\U0001F600";

    [Theory]
    [InlineData("", 0, "")]
    [InlineData("abc", 3, "abc")]
    [InlineData("abc", 2, "ab")]
    [InlineData("ab" + Emoji, 4, "ab" + Emoji)]
    [InlineData("ab" + Emoji, 3, "ab")]
    [InlineData("ab" + Emoji + "c", 4, "ab" + Emoji)]
    [InlineData(Emoji, 1, "")]
    [InlineData("ab", 0, "")]
    public void Text_is_cut_on_a_character_boundary(string value, int max, string expected) =>
        TextCut.AtMost(value, max).ShouldBe(expected);

    [Fact]
    public void A_cut_never_leaves_half_a_surrogate_pair_at_any_limit()
    {
        var text = string.Concat(Enumerable.Repeat("a" + Emoji + "\u00e9", 40));
        for (var max = 0; max <= text.Length + 1; max++)
        {
            var cut = TextCut.AtMost(text, max);
            cut.Length.ShouldBeLessThanOrEqualTo(max);
            text.ShouldStartWith(cut);
            cut.Length.ShouldBeGreaterThanOrEqualTo(Math.Min(max, text.Length) - 1);
            char.IsHighSurrogate(cut.LastOrDefault()).ShouldBeFalse($"limit {max}");
        }
    }
}

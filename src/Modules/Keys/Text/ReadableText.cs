using System.Buffers;
using System.Globalization;
using System.Text;
using KsQuery.Contracts.Http;

namespace KsQuery.Modules.Keys.Text;

/// <summary>Text people read in a list (key names and descriptions, emails) must show what it is. Refused: text with no
/// visible character (only zero-width, blank or combining characters); control characters; and formatting characters,
/// which are invisible: bidirectional overrides, embeddings, isolates and marks (U+202E makes "invoice[U+202E]gpj.exe"
/// read as "invoiceexe.jpg"), zero-width spaces (a second "trading[U+200B]bot" looks like the first), word joiners,
/// byte-order marks, soft hyphens. Kept, because scripts and emoji need them: the zero-width joiner and non-joiner (Persian, Indic
/// scripts, emoji sequences) and the tag characters of subdivision flags; variation selectors and combining marks are
/// not formatting characters.</summary>
internal static class ReadableText
{
    /// <summary>Adds an error for <paramref name="field"/> when <paramref name="text"/> breaks the rules above;
    /// <paramref name="lineBreaks"/> lets tabs and line breaks through (descriptions).</summary>
    public static void Check(Validation validation, string field, string text, bool lineBreaks = false, bool joiners = true)
    {
        var visible = false;
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done)
            {
                validation.Add(field, $"{field} is not valid Unicode text (it holds half of a surrogate pair).");
                return;
            }
            rest = rest[consumed..];
            if (IsForbidden(rune, lineBreaks, joiners))
            {
                validation.Add(field, $"{field} must not contain control, direction-changing or invisible formatting characters " +
                                      $"(found U+{rune.Value:X4}).");
                return;
            }
            visible |= IsVisible(rune);
        }
        if (!visible && text.Length > 0)
            validation.Add(field, $"{field} must contain a visible character.");
    }

    private static bool IsForbidden(Rune rune, bool lineBreaks, bool joiners)
    {
        if (lineBreaks && rune.Value is '\t' or '\n' or '\r')
            return false;
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => true,
            UnicodeCategory.Format => !(joiners && (rune.Value is 0x200C or 0x200D || rune.Value is >= 0xE0020 and <= 0xE007F)),
            _ => false,
        };
    }

    private static bool IsVisible(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark => false,
        // Letters and symbols that render as blank space: Hangul fillers, the Braille blank.
        _ => rune.Value is not (0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800),
    };
}

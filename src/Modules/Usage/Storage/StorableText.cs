using System.Text;
using KsQuery.Contracts.Messages;

namespace KsQuery.Modules.Usage.Storage;

/// <summary>Text a store can encode: half of a surrogate pair (which no cut of ours produces, but a usage event may carry
/// from elsewhere) is replaced by U+FFFD, so the record keeps everything else instead of being refused.</summary>
internal static class StorableText
{
    private const char Replacement = '\uFFFD';

    /// <summary>The call itself when all its text is storable (the usual case: one vectorised scan per field), else a repaired copy.</summary>
    public static KeyedCallCompleted Repaired(KeyedCallCompleted call)
    {
        if (IsStorable(call.UserAgent) && IsStorable(call.ClientAddress) && IsStorable(call.KeyId) && IsStorable(call.AccountId)
            && IsStorable(call.Chain) && IsStorable(call.Network) && IsStorable(call.ApiId)
            && (call.Rejection is not { } r || (IsStorable(r.Code) && IsStorable(r.Display) && IsStorable(r.Method) && IsStorable(r.Path)
                && IsStorable(r.ClientAddress) && IsStorable(r.UserAgent))))
            return call;
        return call with
        {
            KeyId = Repair(call.KeyId),
            AccountId = Repair(call.AccountId),
            Chain = Repair(call.Chain),
            Network = Repair(call.Network),
            ApiId = Repair(call.ApiId),
            UserAgent = RepairOrNull(call.UserAgent),
            ClientAddress = RepairOrNull(call.ClientAddress),
            Rejection = call.Rejection is { } rejection
                ? rejection with
                {
                    Code = Repair(rejection.Code),
                    Display = Repair(rejection.Display),
                    Method = Repair(rejection.Method),
                    Path = Repair(rejection.Path),
                    ClientAddress = RepairOrNull(rejection.ClientAddress),
                    UserAgent = RepairOrNull(rejection.UserAgent),
                }
                : null,
        };
    }

    public static bool IsStorable(string? text)
    {
        if (text is null)
            return true;
        var span = text.AsSpan();
        var i = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (i >= 0)
        {
            if (!char.IsHighSurrogate(span[i]) || i + 1 >= span.Length || !char.IsLowSurrogate(span[i + 1]))
                return false;
            span = span[(i + 2)..];
            i = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        }
        return true;
    }

    public static string Repair(string text)
    {
        if (IsStorable(text))
            return text;
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }
            builder.Append(char.IsSurrogate(c) ? Replacement : c);
        }
        return builder.ToString();
    }

    private static string? RepairOrNull(string? text) => text is null ? null : Repair(text);
}

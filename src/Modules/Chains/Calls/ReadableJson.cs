using System.Text.Json;

namespace KsQuery.Modules.Chains.Calls;

/// <summary>Whether every string and property name of a parsed body can be read as text. JSON lets a <c>\u</c> escape
/// name half of a surrogate pair (<c>"\ud800"</c>); the parser accepts it, but reading that string throws, in the host
/// or in a plugin. Such a body is malformed, whichever plugin it is for.</summary>
internal static class ReadableJson
{
    public static bool IsReadable(JsonElement element)
    {
        try
        {
            Read(element);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // Depth is bounded by the parser (64 levels by default).
    private static void Read(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    Read(property.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    Read(item);
                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
        }
    }
}
